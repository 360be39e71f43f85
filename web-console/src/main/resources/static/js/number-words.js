// Whole amounts in words, in the browser: a port of the console's VietnameseNumberWords and EnglishNumberWords, for
// the one page where the amount must not reach the server before it is words on the screen (a sealed bid). The
// browser tests check that both give the same words for the same amounts.

const DIGITS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'];
const SCALES = ['triệu', 'nghìn', ''];
const BILLION = 1000000000n;

/** Vietnamese words of a non-negative BigInt, as VietnameseNumberWords.of. */
export function vietnamese(number) {
  if (number === 0n) {
    return DIGITS[0];
  }
  if (number < 0n) {
    return 'âm ' + vietnamese(-number);
  }
  const words = [];
  readVietnamese(number, true, words);
  return words.join(' ');
}

function readVietnamese(number, leading, words) {
  const billions = number / BILLION;
  if (billions > 0n) {
    readVietnamese(billions, leading, words);
    words.push('tỷ');
    leading = false;
  }
  const below = Number(number % BILLION);
  const groups = [Math.floor(below / 1000000), Math.floor(below / 1000) % 1000, below % 1000];
  groups.forEach((group, i) => {
    if (group === 0) {
      return;
    }
    words.push(vietnameseGroup(group, leading));
    if (SCALES[i] !== '') {
      words.push(SCALES[i]);
    }
    leading = false;
  });
}

function vietnameseGroup(value, leading) {
  const hundreds = Math.floor(value / 100);
  const tens = Math.floor(value / 10) % 10;
  const units = value % 10;
  const words = [];
  if (!leading || hundreds > 0) {
    words.push(DIGITS[hundreds], 'trăm');
  }
  if (tens === 0) {
    if (units > 0) {
      if (words.length > 0) {
        words.push('linh');
      }
      words.push(DIGITS[units]);
    }
  } else if (tens === 1) {
    words.push('mười');
    if (units > 0) {
      words.push(units === 5 ? 'lăm' : DIGITS[units]);
    }
  } else {
    words.push(DIGITS[tens], 'mươi');
    if (units > 0) {
      words.push(units === 1 ? 'mốt' : units === 4 ? 'tư' : units === 5 ? 'lăm' : DIGITS[units]);
    }
  }
  return words.join(' ');
}

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const ENGLISH_SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion', 'quintillion'];

/** English words (short scale) of a non-negative BigInt, as EnglishNumberWords.of. */
export function english(number) {
  if (number === 0n) {
    return UNITS[0];
  }
  if (number < 0n) {
    return 'minus ' + english(-number);
  }
  const groups = [];
  for (let rest = number; rest > 0n; rest /= 1000n) {
    groups.push(Number(rest % 1000n));
  }
  if (groups.length > ENGLISH_SCALES.length) {
    return number.toString();
  }
  const words = [];
  for (let index = groups.length - 1; index >= 0; index--) {
    if (groups[index] > 0) {
      words.push(englishGroup(groups[index]));
      if (ENGLISH_SCALES[index] !== '') {
        words.push(ENGLISH_SCALES[index]);
      }
    }
  }
  return words.join(' ');
}

function englishGroup(value) {
  const words = [];
  if (value >= 100) {
    words.push(UNITS[Math.floor(value / 100)], 'hundred');
  }
  const rest = value % 100;
  if (rest >= 20) {
    words.push(rest % 10 === 0 ? TENS[Math.floor(rest / 10)] : TENS[Math.floor(rest / 10)] + '-' + UNITS[rest % 10]);
  } else if (rest > 0) {
    words.push(UNITS[rest]);
  }
  return words.join(' ');
}

/**
 * A VND amount of a million or more, whole, in the reader's words ("một tỷ năm trăm triệu đồng", "one billion five
 * hundred million dong"), as the console's Formats.moneyInWords; null otherwise. {@code amount} is a plain decimal.
 */
export function amountInWords(amount, currency, language) {
  if ((currency || 'VND') !== 'VND' || !/^\d+$/.test(amount) || BigInt(amount) < 1000000n) {
    return null;
  }
  const whole = BigInt(amount);
  return language === 'en' ? english(whole) + ' dong' : vietnamese(whole) + ' đồng';
}
