#!/usr/bin/env python3
"""Where a JVM's CPU samples went, from a JFR recording or async-profiler's folded stacks (not a test; used by the
bench scripts' --jfr and --profile).

    bench/jfr-top.py RECORDING.jfr [--top 25] [--depth 96] [--between HH:MM:SS.mmm HH:MM:SS.mmm]
    bench/jfr-top.py STACKS.collapsed [--top 25]

A .collapsed file (async-profiler's `collapsed` output with `threads`: "[thread tid=N];root;...;leaf COUNT" per line)
holds every thread's CPU, native, JVM and kernel frames (the latter end in _[k]) included; JFR's execution samples
see only threads running Java code.

--between keeps the samples taken in that window (the JVM's local time, as `jfr print` shows it): a recording dumped
from a longer one holds whole chunks, samples from before the window included.

Reads `jfr print --events jdk.ExecutionSample` and prints, for the samples of every thread:
  1. the hottest top frames (self time, method without arguments);
  2. each sample charged to the innermost frame that belongs to a known library or to our code ("by owner"), so a JDK
     leaf such as HashMap.get counts for the library that called it: the shares add up to 100 %;
  3. the share of samples whose stack contains a frame of each owner ("inclusive"): nested owners overlap (a filter
     that wraps the rest of the chain contains everything after it), so these do not add up.
"""
import argparse
import collections
import re
import subprocess
import sys

# First match wins, tried on each frame from the leaf upwards.
OWNERS = [
    ("RSA / big integers", r"^java\.math\.BigInteger|^sun\.security\.rsa"),
    ("JWT decoding (Nimbus, Spring OAuth2)", r"^com\.nimbusds|^org\.springframework\.security\.oauth2"),
    ("Spring Security (other)", r"^org\.springframework\.security"),
    ("Micrometer / OpenTelemetry", r"^io\.micrometer|^io\.opentelemetry"),
    ("Jackson", r"^tools\.jackson|^com\.fasterxml\.jackson"),
    ("R2DBC / PostgreSQL driver / pool", r"^io\.r2dbc|^org\.springframework\.r2dbc|^org\.springframework\.data\.r2dbc"),
    ("Resilience4j / circuit breaker", r"^io\.github\.resilience4j|^org\.springframework\.cloud\.circuitbreaker"),
    ("Spring Cloud Gateway", r"^org\.springframework\.cloud\.gateway"),
    ("Spring Cloud LoadBalancer / Eureka", r"^org\.springframework\.cloud\.(loadbalancer|netflix|client)|^com\.netflix"),
    ("PermitWatch code", r"^org\.permitwatch"),
    ("Logging", r"^ch\.qos\.logback|^org\.slf4j|^org\.apache\.logging"),
    ("Reactor Netty / Netty", r"^reactor\.netty|^io\.netty"),
    ("Spring WebFlux / Web", r"^org\.springframework\.web|^org\.springframework\.http"),
    ("Spring (other)", r"^org\.springframework"),
    ("Reactor core", r"^reactor\."),
    ("Kafka", r"^org\.apache\.kafka"),
    ("kernel", r"_\[k\]$"),
]
COMPILED = [(name, re.compile(rx)) for name, rx in OWNERS]


def owner(frame):
    for name, rx in COMPILED:
        if rx.search(frame):
            return name
    return None


def within(time, between):
    """Whether a sample's time of day lies in the window (which may cross midnight)."""
    if between is None:
        return True
    begin, end = between
    return begin <= time <= end if begin <= end else time >= begin or time <= end


def folded(path):
    """(thread, stack leaf first, count) per line of async-profiler's collapsed output."""
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            frames, _, count = line.rstrip("\n").rpartition(" ")
            if not frames:
                continue
            stack = frames.split(";")
            thread = stack.pop(0) if stack[0].startswith("[") else ""
            thread = re.sub(r"^\[|( tid=\d+)?\]$", "", thread)
            yield thread, [f.replace("/", ".") for f in reversed(stack)], int(count)


def samples(path, depth, between=None):
    if path.endswith(".collapsed"):
        yield from folded(path)
        return
    out = subprocess.run(
        ["jfr", "print", "--stack-depth", str(depth), "--events", "jdk.ExecutionSample", path],
        check=True, capture_output=True, text=True).stdout
    stack, thread, inside, time = [], "", False, ""
    for line in out.splitlines():
        s = line.strip()
        if s.startswith("startTime ="):
            # HH:MM:SS.mmm compares as text; a date in brackets after it only on some JDKs.
            time = s.split("=", 1)[1].strip().split(" ")[0]
        elif s.startswith("sampledThread ="):
            thread = s.split("=", 1)[1].strip()
        elif s.startswith("stackTrace = ["):
            stack, inside = [], True
        elif inside and s == "]":
            inside = False
            if within(time, between):
                yield thread, stack, 1
        elif inside and s and s != "...":
            stack.append(re.sub(r"\(.*", "", s.split(" line:")[0]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("recording")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--depth", type=int, default=96)
    ap.add_argument("--between", nargs=2, metavar=("BEGIN", "END"))
    a = ap.parse_args()
    top, by_owner, inclusive, threads = (collections.Counter() for _ in range(4))
    total = 0
    for thread, stack, n in samples(a.recording, a.depth, a.between):
        if not stack:
            continue
        total += n
        top[stack[0]] += n
        # JFR: "reactor-http-epoll-1" (javaThreadId = 45); folded: reactor-http-epoll-1. Pools merge into one name.
        threads[re.sub(r"[-#]?\d+$", "", re.sub(r"\"? \(.*$", "", thread).strip('"'))] += n
        # A system call belongs to whoever made it: kernel frames count only in the inclusive shares.
        mine = next((o for o in map(owner, stack) if o and o != "kernel"), "JDK / JVM / other")
        by_owner[mine] += n
        for o in {owner(f) for f in stack} - {None}:
            inclusive[o] += n
    if total == 0:
        print("no execution samples")
        return
    print(f"{total} execution samples")
    print("-- threads")
    for name, n in threads.most_common(12):
        print(f"{n:7d} {100 * n / total:5.1f}%  {name}")
    print("-- hottest top frames (self)")
    for frame, n in top.most_common(a.top):
        print(f"{n:7d} {100 * n / total:5.1f}%  {frame}")
    print("-- by owner (innermost known frame; adds up to 100 %)")
    for name, n in by_owner.most_common():
        print(f"{n:7d} {100 * n / total:5.1f}%  {name}")
    print("-- inclusive (stack contains; overlapping)")
    for name, n in inclusive.most_common():
        print(f"{n:7d} {100 * n / total:5.1f}%  {name}")


if __name__ == "__main__":
    sys.exit(main())
