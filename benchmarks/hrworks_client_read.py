"""Measure how many requests and seconds the client needs to read an agency from the sandbox.

Run from the project root: ``.venv/bin/python benchmarks/hrworks_client_read.py [--persons N]
[--years Y]``. It starts an in-process sandbox on 127.0.0.1, reads all persons' master data
and their absences over Y calendar years ending with next year, and prints the request count
next to the expected minimum.
"""

import argparse
import math
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from integrations.hrworks.client import HrWorksClient  # noqa: E402
from integrations.hrworks.sandbox import SandboxServer, generate_dataset  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=200, help="Persons to generate.")
    parser.add_argument("--years", type=int, default=3, help="Calendar years of absences.")
    parser.add_argument("--seed", type=int, default=1, help="Seed of the generated data set.")
    args = parser.parse_args()

    today = date.today()
    begin = date(today.year + 2 - args.years, 1, 1)
    end = date(today.year + 1, 12, 31)
    data = generate_dataset(persons=args.persons, seed=args.seed, today=today)

    with SandboxServer(data) as server:
        client = HrWorksClient(server.base_url, server.access_key, server.secret_key)
        started = time.perf_counter()
        persons = client.persons()
        absences = client.absences(begin, end, [p.person_id for p in persons])
        seconds = time.perf_counter() - started

    groups = math.ceil(args.persons / 50)
    expected = 1 + groups + args.years * groups
    print(f"persons:   {len(persons)}")
    print(f"absences:  {len(absences)} ({begin} to {end})")
    print(f"requests:  {client.request_count} (minimum {expected})")
    print(f"seconds:   {seconds:.2f}")


if __name__ == "__main__":
    main()
