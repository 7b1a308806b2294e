use crate::solution::*;

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const WORDS: [&str; 8] = ["apple", "Bob", "cat", "APPLE", "dog", "x1", "Cat", "zed"];
const SEPS: [&str; 6] = [" ", ", ", "--", "!\n", "  ", " \u{e9} "];
const NAMES: [&str; 6] = ["ann", "bob", "cid", "Dan", "eve", "ann"];

fn random_text(rng: &mut Rng) -> String {
    let mut text = String::new();
    if rng.below(3) == 0 {
        text.push_str(SEPS[rng.below(SEPS.len() as u64) as usize]);
    }
    let n = rng.below(14);
    for i in 0..n {
        if i > 0 {
            text.push_str(SEPS[rng.below(SEPS.len() as u64) as usize]);
        }
        text.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    if rng.below(3) == 0 {
        text.push('.');
    }
    text
}

fn random_students(rng: &mut Rng) -> Vec<Student> {
    let n = rng.below(7);
    // coarse scores give many ties, fine scores give means that differ by fractions
    let coarse = rng.below(2) == 0;
    (0..n)
        .map(|_| Student {
            name: NAMES[rng.below(NAMES.len() as u64) as usize].to_string(),
            scores: (0..rng.below(5))
                .map(|_| if coarse { rng.below(6) as u32 * 20 } else { rng.below(8) as u32 })
                .collect(),
        })
        .collect()
}

// Naive models used as oracles.

fn model_tokens(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_ascii_lowercase())
        .collect()
}

fn model_top(text: &str, k: usize) -> Vec<(String, usize)> {
    let words = model_tokens(text);
    let mut distinct: Vec<String> = Vec::new();
    for w in words.iter() {
        if !distinct.contains(w) {
            distinct.push(w.clone());
        }
    }
    let mut out: Vec<(String, usize)> = Vec::new();
    let mut used = vec![false; distinct.len()];
    while out.len() < k && out.len() < distinct.len() {
        let mut best: Option<usize> = None;
        for i in 0..distinct.len() {
            if used[i] {
                continue;
            }
            let c = words.iter().filter(|w| **w == distinct[i]).count();
            match best {
                None => best = Some(i),
                Some(b) => {
                    let cb = words.iter().filter(|w| **w == distinct[b]).count();
                    if c > cb {
                        best = Some(i);
                    }
                }
            }
        }
        let b = best.unwrap();
        used[b] = true;
        let c = words.iter().filter(|w| **w == distinct[b]).count();
        out.push((distinct[b].clone(), c));
    }
    out
}

#[test]
fn tokenize_examples() {
    assert_eq!(tokenize("Hello, hello WORLD-42!"), vec!["hello", "hello", "world", "42"]);
    assert_eq!(tokenize(""), Vec::<String>::new());
    assert_eq!(tokenize(" ,.-!"), Vec::<String>::new());
    assert_eq!(tokenize("caf\u{e9} au lait"), vec!["caf", "au", "lait"]);
    assert_eq!(tokenize("a"), vec!["a"]);
}

#[test]
fn vocabulary_and_top_words_examples() {
    let text = String::from("the cat and the hat and THE bat");
    let (distinct, count) = vocabulary(&text);
    assert_eq!(distinct, vec!["the", "cat", "and", "hat", "bat"]);
    assert_eq!(count, 8);
    assert_eq!(
        top_words(&text, 3),
        vec![("the".to_string(), 3), ("and".to_string(), 2), ("cat".to_string(), 1)]
    );
    assert_eq!(top_words(&text, 0), Vec::<(String, usize)>::new());
    assert_eq!(top_words(&text, 99).len(), 5);
    assert_eq!(top_words("", 3), Vec::<(String, usize)>::new());
    assert_eq!(vocabulary(""), (Vec::<String>::new(), 0));
    // the caller still owns and uses its text
    assert_eq!(text.len(), 31);
}

#[test]
fn text_functions_match_models() {
    let mut rng = Rng::new(7);
    for _ in 0..400 {
        let text = random_text(&mut rng);
        let tokens = tokenize(&text);
        assert_eq!(tokens, model_tokens(&text), "text {:?}", text);
        let (distinct, count) = vocabulary(&text);
        assert_eq!(count, tokens.len());
        let mut expected_distinct: Vec<String> = Vec::new();
        for t in tokens.iter() {
            if !expected_distinct.contains(t) {
                expected_distinct.push(t.clone());
            }
        }
        assert_eq!(distinct, expected_distinct, "text {:?}", text);
        for k in [0usize, 1, 2, 3, 10] {
            assert_eq!(top_words(&text, k), model_top(&text, k), "text {:?} k {}", text, k);
        }
    }
}

#[test]
fn total_examples() {
    let scores = vec![1u32, 2, 3];
    assert_eq!(total(&scores), 6);
    assert_eq!(total(&[]), 0);
    assert_eq!(total(&[u32::MAX, u32::MAX, 2]), 2 * (u32::MAX as u64) + 2);
    assert_eq!(scores, vec![1, 2, 3]);
}

fn student(name: &str, scores: &[u32]) -> Student {
    Student { name: name.to_string(), scores: scores.to_vec() }
}

#[test]
fn rank_students_examples() {
    let students = vec![
        student("cid", &[50, 50]),
        student("ann", &[100]),
        student("bob", &[60, 40]),
        student("dan", &[]),
        student("eve", &[99]),
    ];
    let (ranking, best) = rank_students(&students);
    assert_eq!(
        ranking,
        vec![
            ("ann".to_string(), 100),
            ("bob".to_string(), 100),
            ("cid".to_string(), 100),
            ("eve".to_string(), 99),
            ("dan".to_string(), 0),
        ]
    );
    assert_eq!(best, vec!["ann", "bob", "cid"]);
    assert_eq!(rank_students(&[]), (vec![], vec![]));
    let (r, b) = rank_students(&[student("solo", &[])]);
    assert_eq!(r, vec![("solo".to_string(), 0)]);
    assert_eq!(b, vec!["solo"]);
    assert_eq!(students.len(), 5);
    assert_eq!(students[0].scores, vec![50, 50]);
}

#[test]
fn above_class_average_examples() {
    let students = vec![
        student("ann", &[100, 80]),
        student("bob", &[60]),
        student("cid", &[]),
        student("dan", &[80, 80, 80]),
    ];
    // pooled mean = 480 / 6 = 80
    assert_eq!(above_class_average(&students), vec!["ann"]);
    let equal = vec![student("a", &[10]), student("b", &[10, 10])];
    assert_eq!(above_class_average(&equal), Vec::<String>::new());
    assert_eq!(above_class_average(&[]), Vec::<String>::new());
    assert_eq!(above_class_average(&[student("x", &[]), student("y", &[])]), Vec::<String>::new());
    // pooled mean 7/3 = 2.33..: 3 > 2.33 but 2 < 2.33
    let close = vec![student("p", &[3]), student("q", &[2, 2])];
    assert_eq!(above_class_average(&close), vec!["p"]);
    // pooled mean 7/3 = 2.33..: 2.5 > 2.33 (truncating integer means would see 2 > 2)
    let fractional = vec![student("a", &[2, 3]), student("b", &[2])];
    assert_eq!(above_class_average(&fractional), vec!["a"]);
    assert_eq!(students[3].name, "dan");
}

#[test]
fn student_functions_match_models() {
    let mut rng = Rng::new(99);
    for _ in 0..500 {
        let students = random_students(&mut rng);
        let (ranking, best) = rank_students(&students);
        assert_eq!(ranking.len(), students.len());
        let mut expected: Vec<(String, u64)> = students
            .iter()
            .map(|s| (s.name.clone(), s.scores.iter().map(|&x| x as u64).sum()))
            .collect();
        expected.sort_by(|a, b| (std::cmp::Reverse(a.1), &a.0).cmp(&(std::cmp::Reverse(b.1), &b.0)));
        assert_eq!(ranking, expected);
        let top_total = expected.first().map(|r| r.1);
        let expected_best: Vec<String> = expected
            .iter()
            .filter(|r| Some(r.1) == top_total)
            .map(|r| r.0.clone())
            .collect();
        assert_eq!(best, expected_best);

        let pooled: Vec<u64> = students.iter().flat_map(|s| s.scores.iter().map(|&x| x as u64)).collect();
        let expected_above: Vec<String> = if pooled.is_empty() {
            vec![]
        } else {
            let ps: u64 = pooled.iter().sum();
            let pn = pooled.len() as u64;
            students
                .iter()
                .filter(|s| !s.scores.is_empty())
                .filter(|s| {
                    let own: u64 = s.scores.iter().map(|&x| x as u64).sum();
                    (own as u128) * (pn as u128) > (ps as u128) * (s.scores.len() as u128)
                })
                .map(|s| s.name.clone())
                .collect()
        };
        assert_eq!(above_class_average(&students), expected_above, "{:?}", students);
        for s in students.iter() {
            assert_eq!(total(&s.scores), s.scores.iter().map(|&x| x as u64).sum::<u64>());
        }
    }
}

#[test]
fn partition_examples() {
    let values = vec![3i64, -4, 0, -3, 8, 7];
    let (evens, odds, es, os) = partition_with_sums(&values);
    assert_eq!(evens, vec![-4, 0, 8]);
    assert_eq!(odds, vec![3, -3, 7]);
    assert_eq!((es, os), (4, 7));
    assert_eq!(partition_with_sums(&vec![]), (vec![], vec![], 0, 0));
    assert_eq!(values.len(), 6);
}

#[test]
fn partition_matches_model() {
    let mut rng = Rng::new(3);
    for _ in 0..500 {
        let n = rng.below(20);
        let values: Vec<i64> = (0..n).map(|_| rng.below(2001) as i64 - 1000).collect();
        let (evens, odds, es, os) = partition_with_sums(&values);
        let me: Vec<i64> = values.iter().copied().filter(|v| v.rem_euclid(2) == 0).collect();
        let mo: Vec<i64> = values.iter().copied().filter(|v| v.rem_euclid(2) == 1).collect();
        assert_eq!(es, me.iter().sum::<i64>());
        assert_eq!(os, mo.iter().sum::<i64>());
        assert_eq!(evens, me);
        assert_eq!(odds, mo);
    }
}

#[test]
fn group_scores_examples() {
    let pairs: Vec<(String, u32)> = vec![
        ("bob".into(), 1),
        ("ann".into(), 2),
        ("bob".into(), 3),
        ("cid".into(), 0),
        ("bob".into(), 5),
        ("ann".into(), 0),
    ];
    let (grouped, repeated) = group_scores(&pairs);
    assert_eq!(
        grouped,
        vec![
            ("bob".to_string(), vec![1, 3, 5]),
            ("ann".to_string(), vec![2, 0]),
            ("cid".to_string(), vec![0]),
        ]
    );
    assert_eq!(repeated, vec!["bob", "ann"]);
    assert_eq!(group_scores(&[]), (vec![], vec![]));
    assert_eq!(pairs[0].0, "bob");
}

#[test]
fn group_scores_matches_model() {
    let mut rng = Rng::new(11);
    for _ in 0..500 {
        let n = rng.below(12);
        let pairs: Vec<(String, u32)> = (0..n)
            .map(|_| (NAMES[rng.below(NAMES.len() as u64) as usize].to_string(), rng.below(3) as u32))
            .collect();
        let (grouped, repeated) = group_scores(&pairs);
        let mut names: Vec<String> = Vec::new();
        for (name, _) in pairs.iter() {
            if !names.contains(name) {
                names.push(name.clone());
            }
        }
        let expected: Vec<(String, Vec<u32>)> = names
            .iter()
            .map(|nm| (nm.clone(), pairs.iter().filter(|p| &p.0 == nm).map(|p| p.1).collect()))
            .collect();
        assert_eq!(grouped, expected);
        let expected_rep: Vec<String> = names
            .iter()
            .filter(|nm| pairs.iter().filter(|p| &p.0 == *nm).count() > 1)
            .cloned()
            .collect();
        assert_eq!(repeated, expected_rep);
    }
}
