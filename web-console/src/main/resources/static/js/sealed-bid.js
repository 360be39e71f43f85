// A sealed bid, sealed in this browser. The commitment is bidding-service's: the lower-case hex SHA-256 of
// "auctionId|bidder|amount|currency|secret", amount as a plain decimal without trailing fractional zeros. The amount
// and the 32 random bytes of the secret stay here (localStorage, per auction and organisation, and a file the firm
// keeps) until the reveal, which sends them back for bidding-service to check against the hash.

import { amountInWords } from './number-words.js';

const root = document.querySelector('[data-sealed-bid]');

if (root && window.crypto && crypto.subtle) {
  const { auctionId, bidder, currency, lang, yourCommitment } = root.dataset;
  const storageKey = `techex.sealed-bid.${auctionId}.${bidder}`;
  const hex = (bytes) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
  const show = (element, visible) => { if (element) { element.hidden = !visible; } };

  /** As the console's Formats.plainAmount: grouping marks go, the reader's decimal mark becomes a point. */
  const plainAmount = (typed) => {
    let amount = typed.trim().replace(/[\s_₫\u00a0]/g, '');
    amount = lang === 'vi' ? amount.replace(/\./g, '').replace(',', '.') : amount.replace(/,/g, '');
    if (!/^\d+(\.\d+)?$/.test(amount)) {
      return null;
    }
    // canonical: no leading zeros, no trailing fractional zeros (BigDecimal.stripTrailingZeros().toPlainString())
    let [whole, fraction = ''] = amount.split('.');
    whole = whole.replace(/^0+(?=\d)/, '');
    fraction = fraction.replace(/0+$/, '');
    const canonical = fraction ? `${whole}.${fraction}` : whole;
    return /^0(\.0*)?$/.test(canonical) ? null : canonical;
  };

  const formatted = (amount) => {
    try {
      return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-US', { style: 'currency', currency })
        .format(Number(amount)).replace('VND', '₫');
    } catch (unknownCurrency) {
      return `${amount} ${currency}`;
    }
  };

  const commitmentOf = async (amount, secret) => hex(await crypto.subtle.digest('SHA-256',
    new TextEncoder().encode(`${auctionId}|${bidder}|${amount}|${currency}|${secret}`)));

  const stored = () => {
    try {
      const record = JSON.parse(localStorage.getItem(storageKey));
      return record && record.auctionId === auctionId ? record : null;
    } catch (unreadable) {
      return null;
    }
  };

  const offerDownload = (record) => {
    const link = root.querySelector('[data-secret-download]');
    if (!link) {
      return;
    }
    link.href = URL.createObjectURL(new Blob([JSON.stringify(record, null, 2)], { type: 'application/json' }));
    link.download = `techex-sealed-bid-${auctionId}.json`;
    show(link, true);
  };

  // ---- committing: the amount is hashed here, only the hash goes
  const commitForm = root.querySelector('[data-commit-form]');
  if (commitForm) {
    const input = commitForm.querySelector('#sealed-amount');
    const error = commitForm.querySelector('[data-commit-error]');
    const panel = commitForm.querySelector('[data-commit-confirm]');
    const review = commitForm.querySelector('[data-commit-review]');
    let pending = null;
    review.disabled = false;

    commitForm.addEventListener('submit', async (event) => {
      event.preventDefault();
      const amount = plainAmount(input.value);
      if (amount === null) {
        error.textContent = error.dataset.invalid;
        show(error, true);
        input.focus();
        return;
      }
      show(error, false);
      const secret = hex(crypto.getRandomValues(new Uint8Array(32)));
      const commitment = await commitmentOf(amount, secret);
      pending = { format: 'techex-sealed-bid-1', auctionId, bidder, amount, currency, secret, commitment };
      panel.querySelector('[data-confirm-amount]').textContent = formatted(amount);
      const words = amountInWords(amount, currency, lang);
      panel.querySelector('[data-confirm-words]').textContent = words ? `— ${words}` : '';
      panel.querySelector('[data-confirm-commitment]').textContent = commitment;
      show(panel, true);
      panel.focus();
    });
    commitForm.querySelector('[data-commit-change]').addEventListener('click', () => {
      pending = null;
      show(panel, false);
      input.focus();
    });
    commitForm.querySelector('[data-commit-send]').addEventListener('click', () => {
      if (!pending) {
        return;
      }
      // kept before it is sent: a commitment without its secret could never be revealed
      localStorage.setItem(storageKey, JSON.stringify(pending));
      commitForm.querySelector('[data-commitment]').value = pending.commitment;
      input.value = '';
      HTMLFormElement.prototype.submit.call(commitForm);
    });
  }

  // ---- after committing: the secret, kept here and offered as a file
  if (yourCommitment) {
    const record = stored();
    const mine = record && record.commitment === yourCommitment ? record : null;
    show(root.querySelector('[data-secret-stored]'), mine !== null);
    show(root.querySelector('[data-secret-missing]'), mine === null);
    if (mine) {
      offerDownload(mine);
    }
  }

  // ---- revealing: amount and secret back from this browser or from the kept file
  const revealForm = root.querySelector('[data-reveal-form]');
  if (revealForm) {
    const error = revealForm.querySelector('[data-reveal-error]');
    const ready = (record) => {
      revealForm.querySelector('[data-reveal-amount]').value = record.amount;
      revealForm.querySelector('[data-reveal-currency]').value = record.currency;
      revealForm.querySelector('[data-reveal-secret]').value = record.secret;
      revealForm.querySelector('[data-reveal-shown]').textContent = formatted(record.amount);
      const words = amountInWords(record.amount, record.currency, lang);
      revealForm.querySelector('[data-reveal-words]').textContent = words ? `— ${words}` : '';
      show(revealForm.querySelector('[data-reveal-ready]'), true);
      show(error, false);
      revealForm.querySelector('[data-reveal-submit]').disabled = false;
    };
    const check = async (record) => {
      if (!record || typeof record.amount !== 'string' || typeof record.secret !== 'string') {
        error.textContent = error.dataset.unreadable;
        show(error, true);
        return;
      }
      const commitment = await commitmentOf(record.amount, record.secret);
      if (commitment !== yourCommitment || record.currency !== currency) {
        error.textContent = error.dataset.mismatch;
        show(error, true);
        return;
      }
      ready(record);
    };
    const kept = stored();
    if (kept && kept.commitment === yourCommitment) {
      ready(kept);
    }
    revealForm.querySelector('[data-secret-file]').addEventListener('change', async (event) => {
      const file = event.target.files[0];
      if (!file) {
        return;
      }
      try {
        await check(JSON.parse(await file.text()));
      } catch (unreadable) {
        error.textContent = error.dataset.unreadable;
        show(error, true);
      }
    });
  }
}
