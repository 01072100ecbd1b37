"""The question bank: one module per exercise (`ex01` ... `ex07`), each with a tuple `QUESTIONS`.

Each module lists, in order, the questions of the exercise notebook with the same number in
`solutions/`: their ids, points, the kind of answer and how it is judged (see
`coursekit.checks.kinds`). `coursekit.release` refuses a notebook whose question cells disagree
with its module, so the two cannot drift apart.
"""
