#!/usr/bin/env python3
"""Writes the bundled sample round (seeded, so the files are reproducible).

    python3 data-samples/generate.py

exam_results.csv: one row per candidate (wide), as an HR officer's spreadsheet has it.
ratings.csv: one row per (candidate, criterion, rater) from two rater groups.
Then `merit` builds sample.ron from them (see README, "Sample data").
"""
import csv
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
rng = random.Random(20261127)

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国文斌波宇浩凯健俊帆旭宁颖倩婷雪琳晨欣怡佳悦嘉瑞博睿思雨涵梓轩"
DEPTS = ["办公室", "组织部", "人事处", "财务处", "审计处", "法规处", "信息中心", "综合科", "业务一处", "业务二处"]
POSTS = [("综合科科员", 22), ("财务科副科长", 14), ("信息中心技术岗", 12)]
LEADERS = ["领导甲", "领导乙", "领导丙"]
PEERS = [f"群众{i:02d}" for i in range(1, 8)]


def clamp(x, lo, hi):
    return max(lo, min(hi, x))


def main():
    people = []
    seq = 1
    for post, count in POSTS:
        for _ in range(count):
            ability = rng.gauss(0, 1)
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
            people.append({
                "id": f"2026{seq:04d}",
                "name": name,
                "dept": rng.choice(DEPTS),
                "post": post,
                "ability": ability,
                "exam": clamp(round(72 + 9 * ability + rng.gauss(0, 6), 1), 0, 100),
                "political": clamp(round(85 + 4 * ability + rng.gauss(0, 3), 1), 0, 100),
                "competence": clamp(round(80 + 6 * ability + rng.gauss(0, 4), 1), 0, 100),
                "years": clamp(int(abs(rng.gauss(8, 5))), 1, 30),
                "sex": rng.choice("男女"),
            })
            seq += 1
    # Cases every round has: one absent from the exam, one below the 60 pass mark.
    people[5]["exam"] = None
    people[9]["exam"] = 57.5
    people[30]["exam"] = 58.0

    with open(HERE / "exam_results.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["准考证号", "姓名", "部门", "报考岗位", "笔试成绩", "政治素质", "业务能力", "工龄", "性别"])
        for p in people:
            exam = "" if p["exam"] is None else f"{p['exam']:.1f}"
            w.writerow([p["id"], p["name"], p["dept"], p["post"], exam,
                        f"{p['political']:.1f}", f"{p['competence']:.1f}", p["years"], p["sex"]])

    with open(HERE / "ratings.csv", "w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(["准考证号", "指标", "评委", "评委类别", "分数"])
        for p in people:
            trust = 82 + 6 * p["ability"]
            for rater in LEADERS:
                w.writerow([p["id"], "群众信任", rater, "领导", clamp(round(trust + rng.gauss(0, 5)), 0, 100)])
            for rater in PEERS:
                w.writerow([p["id"], "群众信任", rater, "群众", clamp(round(trust + rng.gauss(0, 8)), 0, 100)])
            satisfaction = 84 + 5 * p["ability"]
            for rater in LEADERS:
                w.writerow([p["id"], "领导满意度", rater, "领导", clamp(round(satisfaction + rng.gauss(0, 4)), 0, 100)])


if __name__ == "__main__":
    main()
