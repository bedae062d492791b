#!/usr/bin/env python3
"""Writes staged.ron: a three-stage selection (笔试 → 面试 → 考察) for two posts, seeded.

Run from this folder: python3 staged.py > staged.ron
"""
import random

rng = random.Random(2026)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "桂英", "志强", "晓东", "海燕", "建华", "丽华"]
DEPTS = ["办公室", "人事处", "财务处", "法规处", "信息中心"]


def crit(key, name, name_en, weight, gate=None):
    g = f"Some(Gate(op: AtLeast, value: {float(gate):.1f}))" if gate is not None else "None"
    return f'Criterion(key: "{key}", name: "{name}", name_en: "{name_en}", weight: {float(weight):.1f}, gate: {g})'


def scheme(name, groups, tie):
    gs = ",\n".join(
        f'Group(name: "{g}", name_en: "{ge}", weight: {float(w):.1f}, criteria: [{", ".join(cs)}])'
        for g, ge, w, cs in groups
    )
    return (f'Scheme(name: "{name}", groups: [{gs}], '
            f'tie_breakers: [TieBreaker(key: Criterion("{tie}"), descending: true)])')


stages = [
    ('笔试', 'Written exam', 3.0, [], scheme("笔试", [("笔试", "Exam", 1, [crit("exam", "笔试成绩", "Written exam", 1, 60)])], "exam")),
    ('面试', 'Interview', 3.0, [40.0, 60.0], scheme("面试", [("面试", "Interview", 1, [crit("interview", "面试成绩", "Interview", 1, 60)])], "interview")),
    ('考察', 'Assessment', 2.0, [30.0, 50.0, 20.0], scheme("考察", [("考察", "Assessment", 1, [
        crit("peer_trust", "群众信任", "Peer trust", 60, 60),
        crit("leader_satisfaction", "领导满意度", "Leader satisfaction", 40)])], "peer_trust")),
]

posts = [("综合科科员", 2, 1.5, 14), ("财务科科员", 1, 2.0, 8)]
names = set()
people = []
n = 0
for post, _, _, count in posts:
    for i in range(count):
        n += 1
        while True:
            name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            if name not in names:
                names.add(name)
                break
        exam = round(rng.uniform(52, 92) * 2) / 2
        if post == "财务科科员" and i in (2, 3):
            exam = 81.5  # a tie at the 1:3 entry cut-off of the interview
        scores = {"exam": exam, "interview": round(rng.uniform(62, 94), 2),
                  "peer_trust": round(rng.uniform(70, 97), 1),
                  "leader_satisfaction": round(rng.uniform(70, 97), 1)}
        s = ", ".join(f'"{k}": {v}' for k, v in scores.items())
        people.append(f'Person(id: "2026{n:04d}", name: "{name}", department: "{rng.choice(DEPTS)}", '
                      f'post: Some("{post}"), scores: {{{s}}})')

print("// Merit project file: a staged selection. Written by staged.py (seeded).")
print("Project(\n    version: 1,\n    title: \"2026年度公开遴选\",")
print("    posts: [" + ", ".join(f'Post(id: "{p}", openings: {o}, shortlist_ratio: {r})' for p, o, r, _ in posts) + "],")
print("    people: [\n        " + ",\n        ".join(people) + ",\n    ],")
print("    stages: [")
for name, en, ratio, comp, sch in stages:
    print(f'        Stage(name: "{name}", name_en: "{en}", entry_ratio: {ratio}, composite: {comp}, scheme: {sch}),')
print("    ],\n)")
