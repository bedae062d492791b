#!/usr/bin/env bash
# Rebuilds sample.ron from the CSV files with the merit command line, exactly as an HR
# officer would: new project, posts, scheme, people and exam results, ratings.
set -euo pipefail
cd "$(dirname "$0")"
merit=${MERIT:-../target/release/merit}
rm -f sample.ron sample.ron.bak
"$merit" new sample.ron --title "2026年度机关内部竞争上岗"
"$merit" post sample.ron 综合科科员 --openings 2 --ratio 3
"$merit" post sample.ron 财务科副科长 --openings 1 --ratio 3
"$merit" post sample.ron 信息中心技术岗 --openings 1 --ratio 2
"$merit" scheme sample.ron --set scheme.ron
"$merit" import sample.ron exam_results.csv
"$merit" import sample.ron ratings.csv --kind ratings
rm -f sample.ron.bak
