"""The portal's settings with one change for the benchmark: where collected static files live.

``sosvet.settings`` fixes STATIC_ROOT inside the project folder; the benchmark collects into a
folder of its own (SOSVET_BENCH_STATIC_ROOT) so that it never writes into the working tree.
Everything else, debug off included, is the production configuration read from the environment.
"""

import os

from sosvet.settings import *  # noqa: F403

STATIC_ROOT = os.environ["SOSVET_BENCH_STATIC_ROOT"]
