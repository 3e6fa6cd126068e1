"""Writes one benchmark's row into docs/performance.md.

usage: record.py DOC ROW_ID RESULT_ROW MACHINE COMMAND
       record.py --block DOC NAME FILE
RESULT_ROW is the markdown row of the results table ("| a | b |"); the row carrying the marker
<!-- row:ROW_ID --> is replaced, or the row is added before <!-- rows:end -->. The runs table gets
the date, the machine and the command in the same way (<!-- run:ROW_ID -->, <!-- runs:end -->).
With --block, the lines between <!-- NAME:begin --> and <!-- NAME:end --> are replaced by FILE's text.
"""
import datetime
import sys

if sys.argv[1] == "--block":
    doc, name, source = sys.argv[2:5]
    with open(doc, encoding="utf-8") as f:
        lines = f.read().split("\n")
    with open(source, encoding="utf-8") as f:
        block = f.read().rstrip("\n").split("\n")
    begin, end = lines.index(f"<!-- {name}:begin -->"), lines.index(f"<!-- {name}:end -->")
    lines[begin + 1:end] = block
    with open(doc, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    sys.exit(0)

doc, row_id, result_row, machine, command = sys.argv[1:6]
when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
rows = {
    f"<!-- row:{row_id} -->": (f"{result_row} <!-- row:{row_id} -->", "<!-- rows:end -->"),
    f"<!-- run:{row_id} -->": (f"| {row_id} | {when} | `{command}` | {machine} | <!-- run:{row_id} -->",
                               "<!-- runs:end -->"),
}
with open(doc, encoding="utf-8") as f:
    lines = f.read().split("\n")
for marker, (line, end) in rows.items():
    for i, existing in enumerate(lines):
        if existing.endswith(marker):
            lines[i] = line
            break
    else:
        lines.insert(lines.index(end), line)
with open(doc, "w", encoding="utf-8") as f:
    f.write("\n".join(lines))
