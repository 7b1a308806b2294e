// Legacy: every call consumes the caller's vectors, and clones them again inside.

pub fn ranked(names: Vec<String>, scores: Vec<i64>) -> Vec<(String, i64)> {
    let mut rows: Vec<(String, i64)> = Vec::new();
    let mut i = 0;
    while i < names.len() && i < scores.len() {
        rows.push((names[i].clone(), scores[i]));
        i += 1;
    }
    // bubble sort: higher score first, then name ascending
    let mut swapped = true;
    while swapped {
        swapped = false;
        for j in 1..rows.len() {
            let a = rows[j - 1].clone();
            let b = rows[j].clone();
            if b.1 > a.1 || (b.1 == a.1 && b.0 < a.0) {
                rows[j - 1] = b;
                rows[j] = a;
                swapped = true;
            }
        }
    }
    rows
}

pub fn report(names: Vec<String>, scores: Vec<i64>) -> String {
    let rows = ranked(names.clone(), scores.clone());
    let mut out = String::new();
    let mut total = 0;
    for row in rows.clone() {
        out = out + &row.0.clone() + ": " + &row.1.to_string() + "\n";
        total += row.1;
    }
    out = out + "total: " + &total.to_string() + "\n";
    if rows.len() > 0 {
        out = out + "best: " + &rows[0].0.clone() + "\n";
    } else {
        out = out + "best: -\n";
    }
    out
}
