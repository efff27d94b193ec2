"""Writes the development messages (the 10 % of written messages that training holds out by a
hash of the text, for early stopping and calibration) as a labelled-message file, so that
`support-worker eval-nlu` can score choices made after training (export types, merge rules)
without touching the held-out test set.

    training/.venv/bin/python training/nlu/dev_set.py OUT.txt
"""
import pathlib
import sys

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import data  # noqa: E402


def main(out):
    held_out = data.test_texts()
    lines = []
    for e in data.written_examples():
        if e["text"] in held_out or not data.is_dev(e["text"]):
            continue
        path, number = e["source"].rsplit(":", 1)
        lines.append(pathlib.Path(path).read_text(encoding="utf-8").splitlines()[int(number) - 1])
    pathlib.Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} development messages to {out}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__)
        sys.exit(2)
    main(sys.argv[1])
