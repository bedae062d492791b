//! The plain-Rust baseline for `benches/compare.sh`: what `pandas_baseline.py` does, with
//! the csv crate and nothing else: decode, read every row, min-max normalize the six
//! criteria, weighted sum, rank (ties share the lowest rank), sort, write every line back
//! (as read) with the total and rank, in the same encoding. No validation, no exact
//! rounding, no reasons, no quoting: the floor for a program that does the same work.
//! Usage: csv_pipeline IN.csv OUT.csv [encoding]

use std::io::Write;
use std::time::Instant;

const CRITERIA: [usize; 6] = [4, 5, 6, 7, 8, 9];
const WEIGHTS: [f64; 6] = [0.30, 0.25, 0.10, 0.15, 0.10, 0.10];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(input), Some(output)) = (args.get(1), args.get(2)) else {
        return Err("usage: csv_pipeline IN.csv OUT.csv [encoding]".into());
    };
    let label = args.get(3).map_or("utf-8", String::as_str);
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or("unknown encoding")?;
    let start = Instant::now();
    let bytes = std::fs::read(input)?;
    let (text, _, _) = encoding.decode(&bytes);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut record = csv::ByteRecord::new();
    // Each row's line, as a range of the text (written back as it is), and its values.
    let mut starts: Vec<usize> = Vec::new();
    let mut values: Vec<[f64; 6]> = Vec::new();
    while reader.read_byte_record(&mut record)? {
        starts.push(record.position().map_or(0, |p| p.byte() as usize));
        let mut x = [f64::NAN; 6];
        for (slot, &c) in x.iter_mut().zip(&CRITERIA) {
            let field = record.get(c).and_then(|v| std::str::from_utf8(v).ok());
            *slot = field.and_then(|v| v.parse().ok()).unwrap_or(f64::NAN);
        }
        values.push(x);
    }
    let header_end = starts.first().copied().unwrap_or(text.len());
    starts.push(text.len());
    let line = |i: usize| text[starts[i]..starts[i + 1]].trim_matches(['\r', '\n']);
    let mut lo = [f64::INFINITY; 6];
    let mut hi = [f64::NEG_INFINITY; 6];
    for x in &values {
        for k in 0..6 {
            lo[k] = lo[k].min(x[k]);
            hi[k] = hi[k].max(x[k]);
        }
    }
    let totals: Vec<f64> = values
        .iter()
        .map(|x| {
            (0..6)
                .map(|k| {
                    let span = if hi[k] > lo[k] { hi[k] - lo[k] } else { 1.0 };
                    WEIGHTS[k] * (x[k] - lo[k]) / span
                })
                .sum()
        })
        .collect();
    let rows = values.len();
    let mut order: Vec<usize> = (0..rows).collect();
    order.sort_by(|&a, &b| totals[b].total_cmp(&totals[a]));
    let mut ranks = vec![0usize; rows];
    for (i, &p) in order.iter().enumerate() {
        let tied = i > 0 && totals[order[i - 1]] == totals[p];
        ranks[p] = if tied { ranks[order[i - 1]] } else { i + 1 };
    }
    let mut csv_text = String::with_capacity(text.len() * 5 / 4);
    csv_text.push_str(text[..header_end].trim_end_matches(['\r', '\n']));
    csv_text.push_str(",total,rank\r\n");
    for &p in &order {
        csv_text.push_str(line(p));
        csv_text.push(',');
        csv_text.push_str(&totals[p].to_string());
        csv_text.push(',');
        csv_text.push_str(&ranks[p].to_string());
        csv_text.push_str("\r\n");
    }
    let (encoded, _, _) = encoding.encode(&csv_text);
    std::fs::File::create(output)?.write_all(&encoded)?;
    println!(
        "{{\"file\": \"{input}\", \"enc\": \"{label}\", \"rows\": {}, \"total\": {:.4}}}",
        rows,
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
