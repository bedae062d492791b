//! The floor for `benches/compare.sh`: a plain csv-crate read of the same file (decode,
//! split, parse the six score columns as numbers). Usage: csv_read IN.csv [encoding]

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let input = args.get(1).ok_or("usage: csv_read IN.csv [encoding]")?;
    let label = args.get(2).map_or("utf-8", String::as_str);
    let encoding = encoding_rs::Encoding::for_label(label.as_bytes()).ok_or("unknown encoding")?;
    let start = Instant::now();
    let bytes = std::fs::read(input)?;
    let (text, _, _) = encoding.decode(&bytes);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let (mut rows, mut sum) = (0usize, 0.0f64);
    while reader.read_record(&mut record)? {
        rows += 1;
        for i in 4..10 {
            sum += record
                .get(i)
                .and_then(|c| c.parse::<f64>().ok())
                .unwrap_or(0.0);
        }
    }
    println!(
        "{{\"file\": \"{input}\", \"enc\": \"{label}\", \"rows\": {rows}, \"checksum\": {sum:.1}, \"total\": {:.4}}}",
        start.elapsed().as_secs_f64()
    );
    Ok(())
}
