#!/usr/bin/env python3
"""High-precision reference values for org.rekindle.model.special.

Writes, next to the tests,
  src/test/resources/org/rekindle/model/special/hyp2f1.csv    (a,b,c,z,log_value)
  src/test/resources/org/rekindle/model/special/kummer_u.csv  (a,b,z,log_value)
where log_value is the natural log of 2F1(a,b;c;z), resp. of Tricomi's U(a,b,z),
printed with 17 significant digits.

How to rerun (from the repository root; needs mpmath, e.g. Debian's python3-mpmath):
    python3 rekindle-model/src/test/scripts/special_references.py
The output is deterministic; commit the regenerated CSVs together with any grid change.

Every input is a double, printed with repr() (shortest round-trip), and mpmath evaluates
the function at exactly that double, so Java's Double.parseDouble sees the same argument.
Each value is computed by two different routes at mp.dps = 50 (mpmath's own
evaluation, and a linear transformation of the function, DLMF 15.8.1 / 13.2.40, or
Euler's integral DLMF 15.6.1 / the Laplace-type integral DLMF 13.4.4 by mpmath
quadrature) and the two must agree to 1e-25 relative; otherwise the script stops
rather than write a doubtful reference.
"""

import os
import sys

import mpmath as mp

mp.mp.dps = 50
AGREE = mp.mpf("1e-25")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "rekindle", "model", "special")


def fmt(x):
    return mp.nstr(x, 17, min_fixed=-4, max_fixed=17, strip_zeros=False)


def log_2f1_direct(a, b, c, z):
    return mp.log(mp.hyp2f1(a, b, c, z, maxterms=10**6))


def log_2f1_euler_integral(a, b, c, z):
    # Euler's integral (DLMF 15.6.1), valid for c > b > 0; swap a and b if needed.
    if not c > b:
        a, b = b, a
    # Substitution t = u^(1/b) removes the t^(b-1) endpoint singularity; integrate
    # in log space around the peak to keep mpmath's quadrature away from overflow.
    def log_f(u):
        t = u ** (1 / b)
        return (c - b - 1) * mp.log1p(-t) - a * mp.log1p(-z * t)

    # Peak of the integrand is at an end point; scale by the larger end value.
    scale = max(log_f(mp.mpf("1e-40")), log_f(1 - mp.mpf("1e-40")))
    pts = [0, mp.mpf("1e-12"), mp.mpf("1e-6"), mp.mpf("1e-3"), mp.mpf("0.5"),
           1 - mp.mpf("1e-3"), 1 - mp.mpf("1e-6"), 1 - mp.mpf("1e-12"), 1]
    val = mp.quad(lambda u: mp.exp(log_f(u) - scale), pts, maxdegree=10)
    return scale + mp.log(val) - mp.log(b) - mp.log(mp.beta(b, c - b))


def log_2f1_euler_transform(a, b, c, z):
    # DLMF 15.8.1: F(a,b;c;z) = (1-z)^(c-a-b) F(c-a,c-b;c;z).
    return (c - a - b) * mp.log1p(-z) + mp.log(
        mp.hyp2f1(c - a, c - b, c, z, maxterms=10**6)
    )


def log_2f1_pfaff(a, b, c, z):
    # DLMF 15.8.1: F(a,b;c;z) = (1-z)^(-b) F(c-a,b;c;z/(z-1)).
    return -b * mp.log1p(-z) + mp.log(
        mp.hyp2f1(c - a, b, c, z / (z - 1), maxterms=10**6)
    )


def reference_2f1(a, b, c, z):
    routes = [log_2f1_direct, log_2f1_euler_transform, log_2f1_pfaff]
    if c > a or c > b:
        routes.append(log_2f1_euler_integral)
    values = []
    for route in routes:
        try:
            v = route(a, b, c, z)
        except (mp.libmp.NoConvergence, ValueError, ZeroDivisionError):
            continue
        if mp.isfinite(v) and mp.im(v) == 0:
            values.append(v)
        if len(values) == 2:
            break
    if len(values) < 2:
        sys.exit(f"2F1({a},{b};{c};{z}): fewer than two routes converged")
    v0, v1 = values
    if abs(v0 - v1) > AGREE * max(1, abs(v0)):
        sys.exit(f"2F1({a},{b};{c};{z}): routes disagree {v0} vs {v1}")
    return v0


def log_u_direct(a, b, z):
    return mp.log(mp.hyperu(a, b, z))


def log_u_kummer(a, b, z):
    # DLMF 13.2.40: U(a,b,z) = z^(1-b) U(a-b+1, 2-b, z).
    return (1 - b) * mp.log(z) + mp.log(mp.hyperu(a - b + 1, 2 - b, z))


def log_u_integral(a, b, z):
    # DLMF 13.4.4 with t = e^x; integrate in log space around the peak.
    def g(x):
        return a * x - z * mp.exp(x) + (b - a - 1) * mp.log1p(mp.exp(x))

    peak = mp.findroot(lambda x: mp.diff(g, x), mp.log(a / z + 1))
    gmax = g(peak)
    pts = [peak + k for k in (-4000, -400, -40, -10, -3, 0, 3, 10, 40)]
    val = mp.quad(lambda x: mp.exp(g(x) - gmax), pts)
    return gmax + mp.log(val) - mp.loggamma(a)


def reference_u(a, b, z):
    values = []
    for route in (log_u_direct, log_u_kummer, log_u_integral):
        try:
            v = route(a, b, z)
        except (mp.libmp.NoConvergence, ValueError, ZeroDivisionError):
            continue
        if mp.isfinite(v) and mp.im(v) == 0:
            values.append(v)
        if len(values) == 2:
            break
    if len(values) < 2:
        sys.exit(f"U({a},{b},{z}): fewer than two routes converged")
    v0, v1 = values
    if abs(v0 - v1) > AGREE * max(1, abs(v0)):
        sys.exit(f"U({a},{b},{z}): routes disagree {v0} vs {v1}")
    return v0


def hyp2f1_grid():
    rows = []
    # Pareto/NBD (Fader & Hardie 2005 note): c = a + 1, a = r + s + x up to 10^4,
    # b = s + 1 or r + x; z = (alpha - beta)/(alpha + t) in [0, 1) or, in other
    # parametrisations, very negative. b = 1, 2 and 2.000001 make c - a - b an
    # integer or nearly one.
    pareto_a = [0.01, 0.3, 1.0, 3.7, 25.0, 250.0, 2500.0, 10000.0]
    pareto_b = [0.01, 0.6, 1.0, 2.0, 2.000001, 3.3, 12.5, 150.0, 10000.0]
    pareto_z = [-1e4, -37.5, -0.9, 0.05, 0.5, 0.93, 0.999, 1 - 1e-6, 1 - 1e-8]
    for i, a in enumerate(pareto_a):
        for j, b in enumerate(pareto_b):
            for k, z in enumerate(pareto_z):
                # Every other cell of the a x b x z cube, plus every edge of it.
                edge = b in (0.01, 10000.0) or a in (0.01, 10000.0)
                if edge or (i + j + k) % 2 == 0:
                    rows.append((a, b, a + 1, z))
    # General c, including c below min(a, b) (only for z >= 0, where 2F1 > 0),
    # c - a - b an integer or within 1e-8 of one, and large parameters.
    general = [
        (0.5, 1.5, 3.0), (2.5, 0.7, 4.2), (1.0, 1.0, 2.0), (10.0, 20.0, 30.5),
        (0.3, 0.3, 0.60000001), (1.5, 2.5, 5.0000001), (7.0, 3.0, 4.0),
        (120.0, 45.5, 200.25), (3000.0, 0.02, 17.0), (0.02, 9000.0, 9000.5),
        (1.0, 1.0, 1.0), (4.0, 0.25, 4.0),
    ]
    below = [(2.0, 3.0, 1.5), (5.0, 5.0, 1.0), (12.0, 30.0, 0.5), (0.8, 0.9, 0.05)]
    general_z = [-1e3, -2.0, -0.3, 0.2, 0.7, 0.97, 0.9999, 1 - 1e-8]
    for a, b, c in general:
        for z in general_z:
            rows.append((a, b, c, z))
    for a, b, c in below:
        for z in general_z:
            if z >= 0:
                rows.append((a, b, c, z))
    # Near zero and the exact zero.
    for a, b, c in [(1.0, 1.0, 2.0), (500.0, 7.0, 501.0), (0.01, 0.01, 0.02)]:
        for z in (0.0, 1e-12, -1e-12, 1e-5):
            rows.append((a, b, c, z))
    return rows


def kummer_grid():
    rows = []
    # Pareto/NBD discounted expected residual transactions (Fader, Hardie & Lee
    # 2005, eq. 2): U(s, s; delta (beta + T)).
    for s in [0.01, 0.03, 0.1, 0.3, 0.5, 0.9, 1.0, 1.5, 3.0, 10.0, 30.0, 100.0]:
        for z in [1e-6, 1e-4, 0.01, 0.2, 1.0, 3.0, 17.0, 150.0, 2000.0, 1e4]:
            rows.append((s, s, z))
    a_values = [0.01, 0.1, 0.5, 1.0, 2.5, 10.0, 100.0]
    b_values = [-20.5, -3.0, 0.0, 0.5, 1.0, 1.0000001, 2.0, 7.3, 50.0]
    z_values = [1e-6, 1e-3, 0.05, 1.0, 4.0, 30.0, 500.0, 1e4]
    for i, a in enumerate(a_values):
        for j, b in enumerate(b_values):
            for k, z in enumerate(z_values):
                if (i + j + k) % 2 == 0:
                    rows.append((a, b, z))
    # U(a, a + 1, z) = z^-a exactly (DLMF 13.6.4) and U(1, 1, z) = e^z E1(z).
    for a in [0.2, 3.0]:
        for z in [1e-5, 2.0, 800.0]:
            rows.append((a, a + 1, z))
    return rows


def main():
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "hyp2f1.csv"), "w") as f:
        f.write("a,b,c,z,log_value\n")
        for a, b, c, z in hyp2f1_grid():
            v = reference_2f1(mp.mpf(a), mp.mpf(b), mp.mpf(c), mp.mpf(z))
            f.write(f"{a!r},{b!r},{c!r},{z!r},{fmt(v)}\n")
    with open(os.path.join(OUT, "kummer_u.csv"), "w") as f:
        f.write("a,b,z,log_value\n")
        for a, b, z in kummer_grid():
            v = reference_u(mp.mpf(a), mp.mpf(b), mp.mpf(z))
            f.write(f"{a!r},{b!r},{z!r},{fmt(v)}\n")


if __name__ == "__main__":
    main()
