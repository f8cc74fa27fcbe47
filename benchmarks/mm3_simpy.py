#!/usr/bin/env python3
"""benchmarks/mm3_simpy.py: the M/M/3 benchmark model in SimPy, for scale.

The model of engine/mmc.hpp and bare_loop_mmc.hpp: Poisson arrivals at rate
2.4, three servers (a SimPy Resource of capacity 3), exponential service at
rate 1, first come first served; each customer's waiting time is recorded.
The speed is reported as model events per second, model events being
arrivals plus departures (two per customer), the same count the C++ programs
report, although SimPy itself handles more events than that per customer
(the request, the hold and the release of each customer process).

    mm3_simpy.py [customers [runs]]     defaults: 1000000 customers, 3 runs

Prints `key value` lines; the median over runs is the figure to compare.
Works with SimPy 3/4 (`import simpy`) and with SimPy 2 (`SimPy.Simulation`),
which is what Debian 12's python3-simpy package provides (version 2.3.1).
"""

import random
import statistics
import sys
import time

LAMBDA = 2.4
MU = 1.0
SERVERS = 3


def run_simpy3(customers, seed):
    import simpy

    rng = random.Random(seed)
    env = simpy.Environment()
    servers = simpy.Resource(env, capacity=SERVERS)
    waits = []

    def customer(env):
        arrived = env.now
        with servers.request() as req:
            yield req
            waits.append(env.now - arrived)
            yield env.timeout(rng.expovariate(MU))

    def source(env):
        for _ in range(customers):
            yield env.timeout(rng.expovariate(LAMBDA))
            env.process(customer(env))

    env.process(source(env))
    env.run()
    return waits


def run_simpy2(customers, seed):
    from SimPy.Simulation import Process, Resource, Simulation, hold, release, request

    rng = random.Random(seed)
    sim = Simulation()
    sim.initialize()
    servers = Resource(capacity=SERVERS, sim=sim)
    waits = []

    class Customer(Process):
        def run(self):
            arrived = self.sim.now()
            yield request, self, servers
            waits.append(self.sim.now() - arrived)
            yield hold, self, rng.expovariate(MU)
            yield release, self, servers

    class Source(Process):
        def run(self):
            for _ in range(customers):
                yield hold, self, rng.expovariate(LAMBDA)
                c = Customer(sim=self.sim)
                self.sim.activate(c, c.run())

    source = Source(sim=sim)
    sim.activate(source, source.run())
    sim.simulate(until=float("inf"))
    return waits


def main():
    customers = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    try:
        import simpy

        run, flavour = run_simpy3, "simpy " + simpy.__version__
    except ImportError:
        import SimPy

        run, flavour = run_simpy2, "SimPy " + getattr(SimPy, "__version__", "2")
    rates = []
    waits = []
    for i in range(runs):
        start = time.perf_counter()
        waits = run(customers, seed=i + 1)
        elapsed = time.perf_counter() - start
        if len(waits) != customers:
            sys.exit(f"mm3_simpy: {len(waits)} of {customers} customers were served")
        rates.append(2 * customers / elapsed)
    print(f"model M/M/3 arrival {LAMBDA} service {MU} customers {customers} runs {runs} ({flavour})")
    print(f"mean_wait {statistics.fmean(waits):.6f}")
    print(f"simpy_events_per_second {statistics.median(rates):.4g}")


if __name__ == "__main__":
    main()
