#!/usr/bin/env python3
"""High-precision references for org.rekindle.model.special.PowerBetaIntegral.

Writes src/test/resources/org/rekindle/model/special/power_beta.csv with columns
  k,e,z,log_value,d_k,d_e,d_z
where log_value = ln I(k, e, z), I = integral_0^1 t^(k-1) (1 - z t)^(-e) dt
= 2F1(k, e; k+1; z) / k, and d_* are the partial derivatives of ln I, printed with 17
significant digits.

How to rerun (from the repository root; needs mpmath):
    python3 rekindle-model/src/test/scripts/power_beta_references.py
The output is deterministic; commit the regenerated CSV together with any grid change.

Every input is a double printed with repr(), evaluated exactly by mpmath at mp.dps = 40.
Each row is computed by two routes that share no code: (1) mpmath's hyp2f1 and its
numerical derivative mp.diff at 40 digits; (2) the integral and the weighted means of
ln t, -ln(1 - z t) and t / (1 - z t) by mpmath quadrature (differentiation under the
integral sign). The two must agree to 1e-20 relative or the script stops.
"""

import os
import sys

import mpmath as mp

mp.mp.dps = 40
AGREE = mp.mpf("1e-20")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "rekindle", "model", "special")


def fmt(x):
    return mp.nstr(x, 17, min_fixed=-4, max_fixed=17, strip_zeros=False)


def by_hyp2f1(k, e, z):
    def log_i(kk, ee, zz):
        return mp.log(mp.hyp2f1(kk, ee, kk + 1, zz, maxterms=10**6)) - mp.log(kk)

    value = log_i(k, e, z)
    dk = mp.diff(lambda v: log_i(v, e, z), k)
    de = mp.diff(lambda v: log_i(k, v, z), e)
    dz = mp.diff(lambda v: log_i(k, e, v), z)
    return value, dk, de, dz


def by_quadrature(k, e, z):
    # In v = -ln t the weight is exp(-k v) (1 - z e^-v)^-e on (0, inf): no endpoint
    # singularity; the peak width near v = 0 is about (1 - z) when z is near 1, hence
    # the break points.
    omega = 1 - z

    def log_w(v):
        return -k * v - e * mp.log(omega + z * -mp.expm1(-v))

    scale = log_w(mp.mpf(0))
    pts = [mp.mpf(0)]
    for p in [omega * 10**j for j in range(0, 12)] + [1 / k * 10**j for j in range(-2, 3)]:
        if 0 < p < 1000 / k:
            pts.append(p)
    pts = sorted(set(pts)) + [mp.inf]

    def integral(h):
        return mp.quad(lambda v: mp.exp(log_w(v) - scale) * h(v), pts, maxdegree=12)

    i0 = integral(lambda v: 1)
    m_log_t = integral(lambda v: -v) / i0
    m_log_1mzt = integral(lambda v: -mp.log(omega + z * -mp.expm1(-v))) / i0
    m_ratio = integral(lambda v: mp.exp(-v) / (omega + z * -mp.expm1(-v))) / i0
    return scale + mp.log(i0), m_log_t, m_log_1mzt, e * m_ratio


def close(a, b):
    return abs(a - b) <= AGREE * max(1, abs(a))


def main():
    ks = [0.1, 0.65, 1.6, 6.0, 60.0, 700.0, 10050.0]
    es = [0.05, 0.6, 1.0000001, 2.0, 11.0, 51.0, 1000.0, 10000.0]
    zs = [1e-9, 1e-3, 0.1, 0.6, 0.95, 0.9999, 1 - 1e-8]
    rows = []
    for k in ks:
        for e in es:
            if k + 1 - e < 0.05:
                continue
            for z in zs:
                kk, ee, zz = mp.mpf(k), mp.mpf(e), mp.mpf(z)
                a = by_hyp2f1(kk, ee, zz)
                b = by_quadrature(kk, ee, zz)
                for x, y in zip(a, b):
                    if not close(x, y):
                        sys.exit(f"routes disagree at k={k!r} e={e!r} z={z!r}: {a} vs {b}")
                rows.append([repr(k), repr(e), repr(z)] + [fmt(x) for x in a])
                print(rows[-1], flush=True)
    with open(os.path.join(OUT, "power_beta.csv"), "w") as f:
        f.write("k,e,z,log_value,d_k,d_e,d_z\n")
        for r in rows:
            f.write(",".join(r) + "\n")


if __name__ == "__main__":
    main()
