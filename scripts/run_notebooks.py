"""Executes tslab notebooks headlessly with nbclient; called by scripts/notebooks.ts.

A failing cell stops the run with one line naming the notebook, the cell and the error.
Executed copies are normalised (no timing metadata) to keep re-execution diffs small.
"""
import argparse
import os
import re
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


ERROR_LINE = re.compile(r"^([\w.$]*(Error|Exception)\b.*|\d+:\d+ - .*)$")


def error_message(e, cell):
    """The error's one-line message: from the reply (ename/evalue) or, as tslab reports it, from stderr."""
    if e.ename and e.evalue:
        lines = str(e.evalue).strip().splitlines()
        return f"{e.ename}: {lines[0] if lines else ''}"
    text = "".join(o.get("text", "") for o in cell.get("outputs", []) if o.get("name") == "stderr")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    flagged = [line for line in lines if ERROR_LINE.match(line)]
    return (flagged or lines or ["error (no message)"])[0]


def execute(client, nb):
    """Runs the cells in order; on the first failure returns (cell number, code-cell number, message)."""
    code_no = 0
    with client.setup_kernel():
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            code_no += 1
            try:
                client.execute_cell(cell, index)
            except CellExecutionError as e:
                return index + 1, code_no, error_message(e, cell)
            except CellTimeoutError:
                return index + 1, code_no, f"ran past the {client.timeout}s cell timeout"
    return None


def normalise(nb):
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    nb.metadata.pop("widgets", None)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--timeout", type=int, default=1800, help="seconds per cell")
    parser.add_argument("--kernel", default="tslab")
    parser.add_argument("notebooks", nargs="+")
    args = parser.parse_args()

    os.makedirs(args.out_dir, exist_ok=True)
    for path in args.notebooks:
        nb = nbformat.read(path, as_version=4)
        client = NotebookClient(
            nb,
            kernel_name=args.kernel,
            timeout=args.timeout,
            record_timing=False,
            resources={"metadata": {"path": os.path.dirname(os.path.abspath(path))}},
        )
        print(f"notebook {path}: running", flush=True)
        try:
            failure = execute(client, nb)
        except DeadKernelError as e:
            failure = (None, None, f"the kernel died: {e}")
        normalise(nb)
        target = os.path.join(args.out_dir, os.path.basename(path))
        tmp = target + ".tmp"
        nbformat.write(nb, tmp)
        os.replace(tmp, target)
        if failure is not None:
            index, code_no, message = failure
            where = f"cell {index} (code cell {code_no})" if index is not None else "kernel"
            print(f"FAILED {path}: {where}: {message}", flush=True)
            print(f"  executed copy with the error: {target}", flush=True)
            sys.exit(1)
        print(f"notebook {path}: ok -> {target}", flush=True)


if __name__ == "__main__":
    main()
