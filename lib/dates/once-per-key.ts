/**
 * `make(key)` run once per key and its result kept: for Intl formatters, which take milliseconds to
 * make (a time zone's rules are loaded each time) and are used per row of a table or per order.
 */
export function oncePerKey<K, V>(make: (key: K) => V): (key: K) => V {
  const made = new Map<K, V>();
  return (key) => {
    let value = made.get(key);
    if (value === undefined) {
      value = make(key);
      made.set(key, value);
    }
    return value;
  };
}
