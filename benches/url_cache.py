#!/usr/bin/env python3
"""Does a cached URL open as fast as a local file? Times `parallax compare --stats` on two
web pages read from the cache against the same pages as local .html files, interleaved.

The pages are the bundled sample story (two versions) wrapped in HTML with the weight of a real
news page (navigation, a large script, a footer). A loopback server (127.0.0.1, a free port)
serves them once to fill a temporary cache; it is stopped before the timed runs, so every
cached open is offline. Usage (stdlib only):

    cargo build --release
    python3 benches/url_cache.py [RUNS]        # default 40 runs of each, interleaved
"""

import html
import http.server
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "parallax"


def page(title, text):
    """A news page around the story: furniture before and after, ~100 KB like real pages."""
    paragraphs = "\n".join(
        f"<p>{html.escape(p.strip())}</p>" for p in text.split("\n\n") if p.strip()
    )
    script = "var tracking = {" + ",".join(f'"k{i}": {i}' for i in range(9000)) + "};"
    nav = "".join(f'<li><a href="/section/{i}">Section {i}</a></li>' for i in range(60))
    return (
        f"<!doctype html><html><head><meta charset=\"utf-8\"><title>{html.escape(title)}"
        f" | The Example Courier</title><script>{script}</script></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header><main><article>"
        f"<h1>{html.escape(title)}</h1>{paragraphs}</article></main>"
        f"<footer><p>Share this story</p><p>All rights reserved.</p></footer></body></html>"
    )


def run(args, env):
    started = time.perf_counter()
    subprocess.run([str(BINARY), *args], env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    if not BINARY.exists():
        sys.exit("build first: cargo build --release")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = pathlib.Path(tmp)
        site = tmp / "site"
        site.mkdir()
        for name in ["1-wire", "2-rewrite"]:
            text = (ROOT / "assets" / "samples" / f"{name}.txt").read_text()
            title = text.strip().split("\n", 1)[0]
            (site / f"{name}.html").write_text(page(title, text))
        sizes = [p.stat().st_size for p in sorted(site.iterdir())]

        handler = lambda *a, **k: http.server.SimpleHTTPRequestHandler(  # noqa: E731
            *a, directory=str(site), **k
        )
        http.server.SimpleHTTPRequestHandler.log_message = lambda *a: None
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        port = server.server_address[1]
        urls = [f"http://127.0.0.1:{port}/{n}.html" for n in ["1-wire", "2-rewrite"]]
        files = [str(site / f"{n}.html") for n in ["1-wire", "2-rewrite"]]

        env = dict(os.environ, PARALLAX_CONFIG="", PARALLAX_CACHE_DIR=str(tmp / "cache"))
        for proxy in ["ALL_PROXY", "all_proxy", "HTTP_PROXY", "http_proxy"]:
            env.pop(proxy, None)
        fetch = run(["compare", "--stats", *urls], env)
        server.shutdown()
        server.server_close()

        local, cached = [], []
        for i in range(runs + 3):
            # Alternate which goes first, so a change of the machine's load hits both alike.
            order = [(local, files), (cached, urls)]
            if i % 2:
                order.reverse()
            for times, args in order:
                t = run(["compare", "--stats", *args], env)
                if i >= 3:  # warm-up
                    times.append(t)

    def ms(x):
        return f"{x * 1000:.1f} ms"

    print(f"pages: {sizes[0]:,} and {sizes[1]:,} bytes of HTML; {runs} runs of each, interleaved")
    print(f"first open, fetched over loopback: {ms(fetch)}")
    print("| input | median | min | max |")
    print("| --- | --- | --- | --- |")
    for name, times in [("local .html files", local), ("cached URLs (offline)", cached)]:
        print(f"| {name} | {ms(statistics.median(times))} | {ms(min(times))} | {ms(max(times))} |")


if __name__ == "__main__":
    main()
