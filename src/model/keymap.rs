//! A small map from text keys to values, for a person's scores, extra columns and
//! absence markers: [`KeyMap`], keyed by [`Key`].
//!
//! A person holds a handful of entries, and a round can hold a million people. A
//! `BTreeMap<String, _>` spends a 500-byte node and one allocation per key on each of
//! them; a `KeyMap` is one sorted vector, and its keys are shared (`Arc<str>`): an import
//! makes one `Key` per column and every person's entry points at it. Iteration is in key
//! order and the serde form is a plain map, exactly as a `BTreeMap<String, _>` wrote it, so
//! project files are unchanged. This module is data only: no I/O, no egui.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

use serde::de::{MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A map key: immutable, shared text. Cloning it copies a pointer, not the text.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key(Arc<str>);

impl Key {
    /// The key's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Key {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Key {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Key {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Key {
    fn from(text: &str) -> Self {
        Key(Arc::from(text))
    }
}

impl From<String> for Key {
    fn from(text: String) -> Self {
        Key(Arc::from(text))
    }
}

impl From<&String> for Key {
    fn from(text: &String) -> Self {
        Key(Arc::from(text.as_str()))
    }
}

impl From<&Key> for Key {
    fn from(key: &Key) -> Self {
        key.clone()
    }
}

impl From<Key> for String {
    fn from(key: Key) -> Self {
        key.0.to_string()
    }
}

impl PartialEq<str> for Key {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Key {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Key {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

impl Serialize for Key {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Key::from)
    }
}

/// A map from [`Key`] to `V`, sorted by key: the subset of `BTreeMap<String, V>`'s
/// interface that people's records use, with the same order, equality and serde form.
#[derive(Clone, PartialEq)]
pub struct KeyMap<V> {
    /// Entries sorted by key, each key once.
    entries: Vec<(Key, V)>,
}

impl<V> Default for KeyMap<V> {
    fn default() -> Self {
        KeyMap {
            entries: Vec::new(),
        }
    }
}

impl<V> KeyMap<V> {
    /// An empty map.
    pub fn new() -> Self {
        KeyMap::default()
    }

    /// An empty map with room for `capacity` entries.
    pub fn with_capacity(capacity: usize) -> Self {
        KeyMap {
            entries: Vec::with_capacity(capacity),
        }
    }

    /// Where `key` is, or would be inserted.
    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the map has no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The value of `key`, if any.
    pub fn get<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> Option<&V> {
        self.find(key.as_ref()).ok().map(|i| &self.entries[i].1)
    }

    /// The value of `key`, if any, to change in place.
    pub fn get_mut<Q: AsRef<str> + ?Sized>(&mut self, key: &Q) -> Option<&mut V> {
        self.find(key.as_ref()).ok().map(|i| &mut self.entries[i].1)
    }

    /// Whether `key` has a value.
    pub fn contains_key<Q: AsRef<str> + ?Sized>(&self, key: &Q) -> bool {
        self.find(key.as_ref()).is_ok()
    }

    /// Sets `key` to `value`, returning the value it replaces.
    pub fn insert(&mut self, key: impl Into<Key>, value: V) -> Option<V> {
        let key = key.into();
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// Removes `key`, returning its value.
    pub fn remove<Q: AsRef<str> + ?Sized>(&mut self, key: &Q) -> Option<V> {
        self.find(key.as_ref())
            .ok()
            .map(|i| self.entries.remove(i).1)
    }

    /// Removes every entry.
    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// Keeps the entries for which `keep` says yes.
    pub fn retain(&mut self, mut keep: impl FnMut(&Key, &mut V) -> bool) {
        self.entries.retain_mut(|(k, v)| keep(k, v));
    }

    /// The entries in key order.
    pub fn iter(&self) -> Iter<'_, V> {
        Iter {
            inner: self.entries.iter(),
        }
    }

    /// The keys in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &Key> + ExactSizeIterator {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values in key order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &V> + ExactSizeIterator {
        self.entries.iter().map(|(_, v)| v)
    }

    /// The values in key order, to change in place.
    pub fn values_mut(&mut self) -> impl DoubleEndedIterator<Item = &mut V> + ExactSizeIterator {
        self.entries.iter_mut().map(|(_, v)| v)
    }

    /// A map of entries already sorted by key with no key twice (checked; falls back to
    /// inserting one by one otherwise). What an import uses: its columns come in order.
    pub fn from_sorted(entries: Vec<(Key, V)>) -> Self {
        let sorted = entries.windows(2).all(|w| w[0].0 < w[1].0);
        if sorted {
            KeyMap { entries }
        } else {
            let mut map = KeyMap::with_capacity(entries.len());
            map.extend(entries);
            map
        }
    }
}

impl<V, Q: AsRef<str> + ?Sized> std::ops::Index<&Q> for KeyMap<V> {
    type Output = V;
    /// The value of `key`. Panics when there is none, as `BTreeMap` does.
    fn index(&self, key: &Q) -> &V {
        match self.get(key) {
            Some(v) => v,
            None => panic!("no entry for key {:?}", key.as_ref()),
        }
    }
}

/// The entries of a [`KeyMap`] in key order.
pub struct Iter<'a, V> {
    inner: std::slice::Iter<'a, (Key, V)>,
}

impl<'a, V> Iterator for Iter<'a, V> {
    type Item = (&'a Key, &'a V);
    fn next(&mut self) -> Option<Self::Item> {
        self.inner.next().map(|(k, v)| (k, v))
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<V> DoubleEndedIterator for Iter<'_, V> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.inner.next_back().map(|(k, v)| (k, v))
    }
}

impl<V> ExactSizeIterator for Iter<'_, V> {}

impl<'a, V> IntoIterator for &'a KeyMap<V> {
    type Item = (&'a Key, &'a V);
    type IntoIter = Iter<'a, V>;
    fn into_iter(self) -> Iter<'a, V> {
        self.iter()
    }
}

impl<V> IntoIterator for KeyMap<V> {
    type Item = (Key, V);
    type IntoIter = std::vec::IntoIter<(Key, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.entries.into_iter()
    }
}

impl<K: Into<Key>, V> Extend<(K, V)> for KeyMap<V> {
    fn extend<I: IntoIterator<Item = (K, V)>>(&mut self, iter: I) {
        for (k, v) in iter {
            self.insert(k, v);
        }
    }
}

impl<K: Into<Key>, V> FromIterator<(K, V)> for KeyMap<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut map = KeyMap::new();
        map.extend(iter);
        map
    }
}

impl<K: Into<Key>, V, const N: usize> From<[(K, V); N]> for KeyMap<V> {
    fn from(entries: [(K, V); N]) -> Self {
        entries.into_iter().collect()
    }
}

impl<V: fmt::Debug> fmt::Debug for KeyMap<V> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<V: Serialize> Serialize for KeyMap<V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter())
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for KeyMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<V>(std::marker::PhantomData<V>);
        impl<'de, V: Deserialize<'de>> Visitor<'de> for MapVisitor<V> {
            type Value = KeyMap<V>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<KeyMap<V>, A::Error> {
                let mut entries: Vec<(Key, V)> =
                    Vec::with_capacity(access.size_hint().unwrap_or(0).min(64));
                while let Some((k, v)) = access.next_entry::<String, V>()? {
                    entries.push((Key::from(k), v));
                }
                // Sorted once (stable), then as a BTreeMap: a key given twice keeps its last
                // value. Inserting one by one would be quadratic on a large unsorted map.
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                let mut deduped: Vec<(Key, V)> = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    match deduped.last_mut() {
                        Some(last) if last.0 == k => last.1 = v,
                        _ => deduped.push((k, v)),
                    }
                }
                Ok(KeyMap { entries: deduped })
            }
        }
        deserializer.deserialize_map(MapVisitor(std::marker::PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// Any sequence of inserts and removes leaves a KeyMap equal, entry for entry and
        /// in order, to a BTreeMap given the same sequence; both serialize to the same RON.
        #[test]
        fn behaves_like_a_btreemap(ops in prop::collection::vec(
            (any::<bool>(), "[a-c考试]{0,3}", any::<i32>()), 0..40)) {
            let mut map = KeyMap::new();
            let mut reference = BTreeMap::new();
            for (insert, key, value) in ops {
                if insert {
                    prop_assert_eq!(map.insert(key.clone(), value), reference.insert(key, value));
                } else {
                    prop_assert_eq!(map.remove(&key), reference.remove(&key));
                }
            }
            let ours: Vec<(String, i32)> = map.iter().map(|(k, v)| (k.to_string(), *v)).collect();
            let theirs: Vec<(String, i32)> = reference.clone().into_iter().collect();
            prop_assert_eq!(ours, theirs);
            prop_assert_eq!(ron::to_string(&map).unwrap(), ron::to_string(&reference).unwrap());
            let back: KeyMap<i32> = ron::from_str(&ron::to_string(&reference).unwrap()).unwrap();
            prop_assert_eq!(back, map);
        }
    }

    #[test]
    fn from_sorted_checks_the_order() {
        let map = KeyMap::from_sorted(vec![(Key::from("b"), 1), (Key::from("a"), 2)]);
        let keys: Vec<&str> = map.keys().map(Key::as_str).collect();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(format!("{map:?}"), r#"{"a": 2, "b": 1}"#);
    }

    #[test]
    fn an_unsorted_map_with_a_repeated_key_loads_as_a_btreemap_does() {
        let text = r#"{"b": 1, "a": 2, "c": 5, "b": 3}"#;
        let map: KeyMap<i32> = ron::from_str(text).unwrap();
        let tree: BTreeMap<String, i32> = ron::from_str(text).unwrap();
        let got: Vec<(&str, i32)> = map.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        let want: Vec<(&str, i32)> = tree.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        assert_eq!(got, want);
        assert_eq!(got, [("a", 2), ("b", 3), ("c", 5)]);
    }
}
