"""`make bench`: run the benchmark sections and write each one's section of docs/benchmarks.md.

    python -m bench.run                  # every section, 20 s per measurement
    python -m bench.run pages --duration 5 --no-write   # a quick look, docs untouched

A section is a function returning bench.Section; add one to SECTIONS (search latency, translation, …).
Exits non-zero when a section's checks fail (e.g. a response that was not a full 200 page); its section is
still written, with the failure in it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from bench import DOC, Section, write_section


def pages(args: argparse.Namespace) -> Section:
    from bench import pages as section

    return section.run(duration=args.duration, warmup=args.warmup, pages=args.page or None)


def search(args: argparse.Namespace) -> Section:
    from bench import search as section

    return section.run()


SECTIONS: dict[str, Callable[[argparse.Namespace], Section]] = {
    "pages": pages,
    "search": search,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("sections", nargs="*", help=f"some of: {', '.join(SECTIONS)} (default: all)")
    parser.add_argument("--duration", type=int, default=20, help="seconds per measurement (default 20)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per page and server")
    parser.add_argument("--page", action="append", help="pages: measure this path instead (repeatable)")
    parser.add_argument("--no-write", action="store_true", help=f"print, do not write {DOC.name}")
    args = parser.parse_args(argv)
    unknown = [name for name in args.sections if name not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s): {', '.join(unknown)}; there are: {', '.join(SECTIONS)}")
    if not 1 <= args.duration <= 120 or not 0 <= args.warmup <= 30:
        parser.error("--duration is 1–120 s and --warmup 0–30 s: load tests stay bounded")
    ok = True
    for name in args.sections or list(SECTIONS):
        section = SECTIONS[name](args)
        ok = ok and section.ok
        if args.no_write:
            print(f"## {section.title}\n\n{section.markdown}")
        else:
            write_section(section.title, section.markdown)
            print(f"bench: wrote the {section.title!r} section of {DOC.relative_to(DOC.parent.parent)}")
        if not section.ok:
            print(f"bench: {section.title}: some checks failed (see the section)", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
