//! A tokenizer whose tokens are slices of the input, tied to its lifetime `'a`.

pub struct Tokens<'a> {
    src: &'a str,
    pos: usize,
}

fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn is_word_token(tok: &str) -> bool {
    tok.bytes().all(is_word)
}

impl<'a> Tokens<'a> {
    pub fn new(src: &'a str) -> Tokens<'a> {
        Tokens { src, pos: 0 }
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.src.as_bytes();
        let n = bytes.len();
        while self.pos < n && bytes[self.pos].is_ascii_whitespace() {
            self.pos += 1;
        }
        if self.pos >= n {
            return None;
        }
        let start = self.pos;
        if is_word(bytes[start]) {
            while self.pos < n && is_word(bytes[self.pos]) {
                self.pos += 1;
            }
        } else {
            self.pos += 1;
        }
        Some(&self.src[start..self.pos])
    }
}

pub fn longest_word<'a>(src: &'a str) -> Option<&'a str> {
    let mut best: Option<&'a str> = None;
    for tok in Tokens::new(src).filter(|t| is_word_token(t)) {
        match best {
            Some(b) if b.len() >= tok.len() => {}
            _ => best = Some(tok),
        }
    }
    best
}

pub struct WordStats<'a> {
    pub words: usize,
    pub counts: Vec<(&'a str, usize)>,
}

pub fn word_stats<'a>(src: &'a str) -> WordStats<'a> {
    let words: Vec<&'a str> = Tokens::new(src).filter(|t| is_word_token(t)).collect();
    let mut counts: Vec<(&'a str, usize)> = Vec::new();
    for w in &words {
        match counts.iter_mut().find(|(k, _)| *k == *w) {
            Some(entry) => entry.1 += 1,
            None => counts.push((w, 1)),
        }
    }
    WordStats { words: words.len(), counts }
}
