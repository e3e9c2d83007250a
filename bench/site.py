"""Measure a first start on an empty instance and the render time of pages.

Run: python -m bench.site [--requests 100]
"""

import argparse
import statistics
import tempfile
import time

from app import create_app

PAGES = [
    "/",
    "/people/zhiming-zhou",
    "/people/zhanxing-zhu/publications",
    "/publications/zhou2019adashift",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as instance:
        started = time.perf_counter()
        app = create_app(instance_path=instance)
        print(f"first start (schema + demo content): {time.perf_counter() - started:.3f} s")
        started = time.perf_counter()
        create_app(instance_path=instance)
        print(f"later start (content already loaded): {time.perf_counter() - started:.3f} s")
        client = app.test_client()
        for url in PAGES:
            client.get(url)  # warm caches
            timings = []
            for _ in range(args.requests):
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200, url
            timings.sort()
            print(
                f"{url:40} median {statistics.median(timings):6.2f} ms"
                f"  p95 {timings[int(len(timings) * 0.95) - 1]:6.2f} ms"
                f"  ({args.requests} requests, test client)"
            )


if __name__ == "__main__":
    main()
