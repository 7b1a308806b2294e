"""Rust null-handling operators: the child must treat every absent value as ``None``.

Each appends a function to the parent's ``solution.rs`` (see :mod:`._extend`), with
``#[test]`` functions checking hundreds of generated inputs against a model
written differently from the reference, and a hand-written mutant making the
classic mistake (indexing where a lookup may miss, an empty value taken as set).

* ``null-handling/rust-optional-defaults`` — a label built from ``Option``
  parts, each ``None`` (or a blank name) replaced by a specified default.
* ``null-handling/rust-chained-lookup`` — two ``HashMap`` lookups chained with
  ``?`` returning ``Option<&'a str>`` borrowed from the second map; a missing
  link at either step (or an empty value) is ``None``, never a panic.
"""

from __future__ import annotations

import random

from codecanary.types import Task
from generators.mutators.base import Mutation, unique_name
from generators.mutators.rust._extend import applies, extend, rust, taken

AREA = ("null-handling",)


OPTIONAL_DEFAULTS_TAIL = r'''
                let mut label = format!("{}#{}", name, level.unwrap_or($lvl));
                if let Some(n) = count.filter(|&n| n > 1) {
                    label.push_str(&format!(" x{}", n));
                }
                label
            }
            '''

OPTIONAL_DEFAULTS_TESTS = r'''
            #[test]
            fn ${fn}_matches_model() {
                $rng
                let names = [None, Some(""), Some("   "), Some("ann"), Some(" bo "),
                             Some("\tcy\n"), Some("d e")];
                for _ in 0..400 {
                    let name = names[next(7) as usize];
                    let level = if next(3) == 0 { None } else { Some(next(5) as u32) };
                    let count = if next(3) == 0 { None } else { Some(next(4) as u32) };
                    let shown = match name {
                        Some(s) if !s.trim().is_empty() => s.trim().to_string(),
                        _ => String::from("$dflt"),
                    };
                    let lv = match level {
                        Some(l) => l,
                        None => $lvl,
                    };
                    let mut want = format!("{}#{}", shown, lv);
                    match count {
                        Some(c) if c >= 2 => want = format!("{} x{}", want, c),
                        _ => {}
                    }
                    assert_eq!($fn(name, level, count), want, "{:?} {:?} {:?}", name, level, count);
                }
            }

            #[test]
            fn ${fn}_defaults() {
                assert_eq!($fn(None, None, None), "$dflt#$lvl");
                assert_eq!($fn(Some("  "), Some(3), Some(1)), "$dflt#3");
                assert_eq!($fn(Some(" ann "), None, Some(2)), "ann#$lvl x2");
                assert_eq!($fn(Some("bo"), Some(0), Some(0)), "bo#0");
            }
            '''

OPTIONAL_DEFAULTS_HEAD = r'''
            /// Label from optional parts: trimmed name (default "$dflt"), `#`, level
            /// (default $lvl), then ` x<count>` when the count is more than 1.
            '''


class OptionalDefaults:
    """See the module docstring."""

    name = "null-handling/rust-optional-defaults"
    weakness = AREA
    languages = ("rust",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        fn = unique_name("badge_label", taken(parent))
        dflt = rng.choice(("anonymous", "guest", "unknown", "nobody"))
        lvl = rng.choice((0, 1))
        seed = rng.randrange(1, 2**32)
        v = {"fn": fn, "dflt": dflt, "lvl": lvl, "seed": seed}
        sig = f"pub fn {fn}(name: Option<&str>, level: Option<u32>, count: Option<u32>) -> String"
        head = rust(OPTIONAL_DEFAULTS_HEAD, **v) + sig + " {\n"
        tail = rust(OPTIONAL_DEFAULTS_TAIL, **v)
        good = '    let name = name.map(str::trim).filter(|n| !n.is_empty())'
        code = head + good + f'.unwrap_or("{dflt}");\n' + tail
        bad = head + f'    let name = name.unwrap_or("{dflt}").trim();\n' + tail
        stub = f"{sig} {{\n    todo!()\n}}\n"
        tests = rust(OPTIONAL_DEFAULTS_TESTS, **v)
        section = (
            f"Add `{sig}`. Every part may be missing. The label is the name with surrounding "
            f"whitespace trimmed — or `\"{dflt}\"` when the name is `None` or empty/blank after "
            f"trimming — then `#`, then the level — `{lvl}` when `None` — and then, only when "
            f"`count` is `Some(n)` with `n > 1`, a space, `x` and `n`. Examples: "
            f"`{fn}(None, None, None) == \"{dflt}#{lvl}\"`, "
            f"`{fn}(Some(\"  \"), Some(3), Some(1)) == \"{dflt}#3\"`, "
            f"`{fn}(Some(\" ann \"), None, Some(2)) == \"ann#{lvl} x2\"`. It must never panic.")
        return extend(parent, self.name, AREA, {"new": fn, "seed": seed}, section, code, stub,
                      tests, {"blank-name-kept": bad})


CHAINED_LOOKUP_TAIL = r'''
                let city = cities.get(manager)?;
                if city.is_empty() {
                    return None;
                }
                Some(city.as_str())
            }
            '''

CHAINED_LOOKUP_TESTS = r'''
            #[test]
            fn ${fn}_follows_both_links_or_gives_none() {
                $rng
                let people = ["ann", "bo", "cy", "dee", "eve", "fay"];
                let towns = ["", "oslo", "rome", "lima"];
                for _ in 0..300 {
                    let mut links: Vec<(String, String)> = Vec::new();
                    let mut homes: Vec<(String, String)> = Vec::new();
                    for p in people {
                        if next(3) > 0 {
                            links.push((p.to_string(), people[next(6) as usize].to_string()));
                        }
                        if next(3) > 0 {
                            homes.push((p.to_string(), towns[next(4) as usize].to_string()));
                        }
                    }
                    let managers: std::collections::HashMap<String, String> =
                        links.iter().cloned().collect();
                    let cities: std::collections::HashMap<String, String> =
                        homes.iter().cloned().collect();
                    for person in people.iter().chain(["zed", ""].iter()) {
                        let got = $fn(&managers, &cities, person);
                        let boss = links.iter().find(|l| l.0 == *person).map(|l| l.1.clone());
                        let want = match boss {
                            None => None,
                            Some(m) => match homes.iter().find(|h| h.0 == m) {
                                Some(h) if h.1.len() > 0 => Some(h.1.clone()),
                                _ => None,
                            },
                        };
                        assert_eq!(got.map(|c| c.to_string()), want,
                                   "{} in {:?} / {:?}", person, links, homes);
                        if let Some(c) = got {
                            let stored = &cities[&managers[*person]];
                            assert!(std::ptr::eq(c.as_ptr(), stored.as_ptr()), "not borrowed");
                        }
                    }
                }
            }

            #[test]
            fn ${fn}_missing_links() {
                let empty: std::collections::HashMap<String, String> =
                    std::collections::HashMap::new();
                assert_eq!($fn(&empty, &empty, "ann"), None);
                let mut managers = std::collections::HashMap::new();
                managers.insert("ann".to_string(), "bo".to_string());
                let mut cities = std::collections::HashMap::new();
                assert_eq!($fn(&managers, &cities, "ann"), None);
                cities.insert("bo".to_string(), String::new());
                assert_eq!($fn(&managers, &cities, "ann"), None);
                cities.insert("bo".to_string(), "oslo".to_string());
                assert_eq!($fn(&managers, &cities, "ann"), Some("oslo"));
                assert_eq!($fn(&managers, &cities, "bo"), None);
            }
            '''

CHAINED_LOOKUP_SIG = r'''
            pub fn $fn<'a>(
                managers: &std::collections::HashMap<String, String>,
                cities: &'a std::collections::HashMap<String, String>,
                person: &str,
            ) -> Option<&'a str>
            '''


class ChainedLookup:
    """See the module docstring."""

    name = "null-handling/rust-chained-lookup"
    weakness = AREA
    languages = ("rust",)

    def propose(self, parent: Task, rng: random.Random) -> Mutation | None:
        if not applies(parent):
            return None
        fn = unique_name("manager_city", taken(parent))
        seed = rng.randrange(1, 2**32)
        v = {"fn": fn, "seed": seed}
        sig = rust(CHAINED_LOOKUP_SIG, **v).rstrip("\n")
        head = ("/// The city of `person`'s manager, borrowed from `cities`; None when a link "
                "is missing.\n" + sig + " {\n")
        tail = rust(CHAINED_LOOKUP_TAIL)
        code = head + "    let manager = managers.get(person)?;\n" + tail
        bad = head + "    let manager = &managers[person];\n" + tail
        stub = f"{sig} {{\n    todo!()\n}}\n"
        tests = rust(CHAINED_LOOKUP_TESTS, **v)
        section = (
            f"Add `{fn}(managers, cities, person) -> Option<&'a str>` with this signature:\n\n"
            f"```rust\n{sig};\n```\n\n`managers` maps a person to their manager, `cities` maps "
            f"a person to their city. Return the city of `person`'s manager, borrowed from "
            f"`cities` (no copy). Return `None` — never panic — when `person` has no entry in "
            f"`managers`, when the manager has no entry in `cities`, or when that city is the "
            f"empty string.")
        return extend(parent, self.name, AREA, {"new": fn, "seed": seed}, section, code, stub,
                      tests, {"index-panics": bad})


OPERATORS = (OptionalDefaults(), ChainedLookup())
