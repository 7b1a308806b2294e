pub struct Tokens<'a> {
    src: &'a str,
}

impl<'a> Tokens<'a> {
    pub fn new(src: &'a str) -> Tokens<'a> {
        todo!()
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        todo!()
    }
}

pub fn longest_word<'a>(src: &'a str) -> Option<&'a str> {
    todo!()
}

pub struct WordStats<'a> {
    pub words: usize,
    pub counts: Vec<(&'a str, usize)>,
}

pub fn word_stats<'a>(src: &'a str) -> WordStats<'a> {
    todo!()
}
