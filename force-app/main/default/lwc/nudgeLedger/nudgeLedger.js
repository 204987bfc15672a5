/**
 * The per-user daily nudge budget, counted in the browser: which nudges (by their
 * `<nudgeKey>:<recordId>` key) this user has been shown today, across every record page.
 * Kept in localStorage so the budget holds across pages of one day; a nudge shown again on
 * the same record does not count twice. Non-UI module.
 */
const PREFIX = 'adoptionCoach.nudgesShown';

function storageKey(userId, day) {
  return `${PREFIX}:${userId}:${day}`;
}

function read(userId, day) {
  try {
    const raw = window.localStorage.getItem(storageKey(userId, day));
    const parsed = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed : [];
  } catch {
    // Storage disabled or corrupt: count nothing rather than block the rep's page.
    return [];
  }
}

/**
 * How many nudges the user has been shown today on OTHER records or nudges than `ownKeys`.
 * @param {string} userId
 * @param {string} day 'YYYY-MM-DD'
 * @param {string[]} ownKeys the response keys of the nudges this page is about to choose from
 * @returns {number}
 */
export function shownElsewhere(userId, day, ownKeys) {
  const own = new Set(ownKeys || []);
  return read(userId, day).filter((key) => !own.has(key)).length;
}

/**
 * Records that these nudges were shown today. Older days are removed.
 * @param {string} userId
 * @param {string} day 'YYYY-MM-DD'
 * @param {string[]} keys
 */
export function markShown(userId, day, keys) {
  if (!keys || keys.length === 0) {
    return;
  }
  try {
    const seen = new Set(read(userId, day));
    keys.forEach((key) => seen.add(key));
    for (let i = window.localStorage.length - 1; i >= 0; i--) {
      const name = window.localStorage.key(i);
      if (name && name.startsWith(`${PREFIX}:${userId}:`) && name !== storageKey(userId, day)) {
        window.localStorage.removeItem(name);
      }
    }
    window.localStorage.setItem(storageKey(userId, day), JSON.stringify([...seen]));
  } catch {
    // Storage full or disabled: the budget then applies per page only.
  }
}

/**
 * How many keys starting with `prefix` the user has been shown today, other than `ownKeys`
 * (e.g. programme messages, kept as `message:<Id>`).
 * @param {string} userId
 * @param {string} day 'YYYY-MM-DD'
 * @param {string} prefix
 * @param {string[]} ownKeys
 * @returns {number}
 */
export function shownWithPrefix(userId, day, prefix, ownKeys) {
  const own = new Set(ownKeys || []);
  return read(userId, day).filter((key) => key.startsWith(prefix) && !own.has(key)).length;
}
