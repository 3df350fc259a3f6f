#!/usr/bin/env python3
"""High-precision references for the gradient of the Pareto/NBD log-likelihood.

Writes src/test/resources/org/rekindle/model/pnbd_gradient.csv with columns
  r,alpha,s,beta,x,tx,T,d_r,d_alpha,d_s,d_beta
where d_* are the partial derivatives of one customer's log-likelihood (Fader & Hardie 2005,
"A note on deriving the Pareto/NBD model and related expressions", eq. 22) with respect to
the natural parameters, printed with 17 significant digits.

How to rerun (from the repository root; needs mpmath):
    python3 rekindle-model/src/test/scripts/pnbd_gradient_references.py
The output is deterministic; commit the regenerated CSV together with any grid change.

Inputs are doubles printed with repr() and evaluated exactly at mp.dps = 40. The gradient
is computed by two routes: mp.diff (numerical differentiation at 40 digits) of the
likelihood with G(tau) from mpmath's hyp2f1, and the derivatives of G as integrals of the
differentiated integrand over u in (tau, inf) by mpmath quadrature. The two must agree to
1e-20 relative (to the largest component) or the script stops.
"""

import os
import sys

import mpmath as mp

mp.mp.dps = 40
AGREE = mp.mpf("1e-20")

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "resources", "org", "rekindle", "model")

THETAS = [
    (0.553, 10.578, 0.606, 11.669),
    (0.3, 50.0, 1.0000001, 50.0),
    (0.8, 0.001, 0.4, 10.0),
    (1.5, 2.0, 3.0, 0.0002),
    (0.05, 5.0, 0.05, 5e4),
    (50.0, 1e4, 50.0, 1.0),
    (0.05, 1.0, 50.0, 1e4),
    (50.0, 0.01, 0.05, 100.0),
    (2.0, 1000.0, 0.2, 0.1),
]

ROWS = [
    (0, 0.0, 38.86),
    (1, 1.71, 38.86),
    (2, 30.43, 38.86),
    (3, 38.86 - 1.0 / 7, 38.86),
    (15, 20.0, 40.0),
    (200, 300.0, 320.0),
    (10000, 5000.0, 5200.0),
]


def fmt(x):
    return mp.nstr(x, 17, min_fixed=-4, max_fixed=17, strip_zeros=False)


def g_hyp2f1(r, al, s, be, x, tau):
    k = r + s + x
    if al >= be:
        m, e, z = al, s + 1, (al - be) / (al + tau)
    else:
        m, e, z = be, r + x, (be - al) / (be + tau)
    return (m + tau) ** (-k) * mp.hyp2f1(k, e, k + 1, z, maxterms=10**6) / k


def g_quad(r, al, s, be, x, tau):
    """G(tau) and its four partial derivatives, by quadrature under the integral sign."""
    # u = tau + lo (e^y - 1), lo = min(alpha, beta) + tau: in y the integrand is smooth and
    # log-concave, flat up to about ln(hi / lo) and falling like e^(-k y) beyond; break points at
    # those scales. It is divided by its value at y = 0 because mp.quad's tolerance is absolute
    # and G can be as small as 1e-500.
    lo, hi = min(al, be) + tau, max(al, be) + tau
    k = r + s + x
    knee = mp.log(hi / lo)
    scales = [mp.mpf(2) ** j for j in range(-2, 9)]
    pts = [0] + [c / k for c in scales] + [knee + c / k for c in scales]
    pts += [knee * c for c in (0.25, 0.5, 0.75)] + [knee + c for c in (-1, 0, 1)]
    pts = sorted(set(p for p in pts if p >= 0)) + [mp.inf]
    f0 = (al + tau) ** (-(r + x)) * (be + tau) ** (-(s + 1)) * lo

    def integral(h):
        def f(y):
            v = lo * mp.expm1(y)
            ua, ub = al + tau + v, be + tau + v
            return ua ** (-(r + x)) * ub ** (-(s + 1)) * (lo + v) / f0 * h(ua, ub)

        return f0 * mp.quad(f, pts, maxdegree=12)

    return [
        integral(lambda ua, ub: 1),
        integral(lambda ua, ub: -mp.log(ua)),
        integral(lambda ua, ub: -(r + x) / ua),
        integral(lambda ua, ub: -mp.log(ub)),
        integral(lambda ua, ub: -(s + 1) / ub),
    ]


def ll(r, al, s, be, x, tx, t):
    a = (al + t) ** (-(r + x)) * (be + t) ** (-s)
    d = g_hyp2f1(r, al, s, be, x, tx) - g_hyp2f1(r, al, s, be, x, t) if tx < t else 0
    head = mp.loggamma(r + x) - mp.loggamma(r) + r * mp.log(al) + s * mp.log(be)
    return head + mp.log(a + s * d)


def gradient_by_diff(theta, row):
    out = []
    for j in range(4):
        def f(v, j=j):
            t = list(theta)
            t[j] = v
            return ll(*t, *row)
        out.append(mp.diff(f, theta[j]))
    return out


def gradient_by_quadrature(theta, row):
    r, al, s, be = theta
    x, tx, t = row
    a = (al + t) ** (-(r + x)) * (be + t) ** (-s)
    da = [-mp.log(al + t) * a, -(r + x) / (al + t) * a, -mp.log(be + t) * a, -s / (be + t) * a]
    if tx < t:
        g1 = g_quad(r, al, s, be, x, tx)
        g2 = g_quad(r, al, s, be, x, t)
        d = g1[0] - g2[0]
        dd = [g1[j + 1] - g2[j + 1] for j in range(4)]
    else:
        d, dd = 0, [0, 0, 0, 0]
    bracket = a + s * d
    head = [mp.digamma(r + x) - mp.digamma(r) + mp.log(al), r / al, mp.log(be), s / be]
    extra = [0, 0, d, 0]
    return [head[j] + (da[j] + s * dd[j] + extra[j]) / bracket for j in range(4)]


def main():
    rows = []
    for theta in THETAS:
        for row in ROWS:
            th = [mp.mpf(v) for v in theta]
            rw = (row[0], mp.mpf(row[1]), mp.mpf(row[2]))
            a = gradient_by_diff(th, rw)
            b = gradient_by_quadrature(th, rw)
            scale = max(abs(v) for v in a)
            if any(abs(u - v) > AGREE * scale for u, v in zip(a, b)):
                sys.exit(f"routes disagree at {theta} {row}: {a} vs {b}")
            rows.append([repr(v) for v in theta] + [repr(v) for v in row] + [fmt(v) for v in a])
            print(rows[-1], flush=True)
    with open(os.path.join(OUT, "pnbd_gradient.csv"), "w") as f:
        f.write("r,alpha,s,beta,x,tx,T,d_r,d_alpha,d_s,d_beta\n")
        for r in rows:
            f.write(",".join(r) + "\n")


if __name__ == "__main__":
    main()
