// An English auction's live board, kept current without reloading: the console relays bidding-service's board as
// Server-Sent Events, already worded for this reader. EventSource reconnects by itself after a drop; while it is
// disconnected the price is marked as possibly stale, and on reconnection the first event is the board as it is now.
// The time left counts down from what the server said, never from this computer's clock.

const board = document.querySelector('[data-live-board]');

if (board && 'EventSource' in window) {
  const connection = board.querySelector('[data-board-connection]');
  const countdown = board.querySelector('[data-board-countdown]');
  const bidInput = board.querySelector('[data-board-min-input]');
  let prefilled = bidInput ? bidInput.value : null;
  let endsAtMillis = null;

  const setConnection = (state) => {
    board.dataset.connection = state;
    const text = connection.dataset['state' + state.charAt(0).toUpperCase() + state.slice(1)];
    if (text) {
      connection.textContent = text;
    }
  };

  const render = (live) => {
    for (const element of board.querySelectorAll('[data-board]')) {
      const value = live[element.dataset.board];
      element.textContent = value == null ? '' : value;
      element.hidden = value == null;
    }
    const endsAt = board.querySelector('time[data-board="endsAtText"]');
    if (endsAt && live.endsAt) {
      endsAt.dateTime = live.endsAt;
    }
    board.dataset.phase = live.phase;
    board.dataset.you = live.you || '';
    endsAtMillis = live.closed ? null : performance.now() + live.secondsLeft * 1000;
    tick();
    if (bidInput && live.minimumBid && (bidInput.value === prefilled || bidInput.value.trim() === '')) {
      // a minimum the person has not typed over follows the board
      bidInput.value = live.minimumBid;
      prefilled = live.minimumBid;
    }
    if (live.closed) {
      for (const element of board.querySelectorAll('[data-board-open-only]')) {
        element.hidden = true;
      }
    }
  };

  const tick = () => {
    if (!countdown) {
      return;
    }
    if (endsAtMillis === null) {
      countdown.textContent = '—';
      return;
    }
    const seconds = Math.max(0, Math.round((endsAtMillis - performance.now()) / 1000));
    const days = Math.floor(seconds / 86400);
    const pad = (n) => String(n).padStart(2, '0');
    const clock = pad(Math.floor(seconds % 86400 / 3600)) + ':' + pad(Math.floor(seconds % 3600 / 60)) + ':' + pad(seconds % 60);
    countdown.textContent = days > 0 ? days + ' ' + countdown.dataset.days + ' ' + clock : clock;
  };

  const source = new EventSource(board.dataset.liveBoard);
  setConnection('connecting');
  source.addEventListener('board', (event) => {
    render(JSON.parse(event.data));
    setConnection('live');
  });
  source.addEventListener('error', () => {
    // CLOSED: the console refused the stream (signed out, say); otherwise EventSource is already reconnecting
    setConnection(source.readyState === EventSource.CLOSED ? 'lost' : 'reconnecting');
  });
  setInterval(tick, 1000);
}
