#!/usr/bin/env python3
"""High-precision reference values for the transaction models, from their closed forms.

Writes ../resources/org/rekindle/model/model_references.csv, read by ModelReferenceTest.
Rerun with Debian's python3-mpmath (apt-get install python3-mpmath) or any mpmath >= 1.2:

    python3 rekindle-model/src/test/scripts/model_references.py

Sources of the formulas (the Java code computes most of them differently, by quadrature over the
posterior, so agreement is a real check):
  BG/NBD   Fader, Hardie & Lee (2005) "Counting your customers the easy way", eqs. 6, 8, 9, 10, 13.
  MBG/NBD  Batislam, Denizel & Filiztekin (2007), the same quantities with b -> b+1 in the posterior.
  Pareto   Fader & Hardie (2005) "A note on deriving the Pareto/NBD model and related expressions",
           eqs. 17, 22 and the A_0 term; Fader, Hardie & Lee (2005) "RFM and CLV" eq. 2 (DERT).
"""
import csv
import os
from mpmath import mp, mpf, hyp2f1, hyperu, loggamma, log, exp, beta as B, quad, gamma as G, binomial, inf

mp.dps = 40
OUT = os.path.join(os.path.dirname(__file__), "..", "resources", "org", "rekindle", "model",
                   "model_references.csv")


def nbd(n, t, r, al):
    return exp(loggamma(r + n) - loggamma(r) - loggamma(n + 1)) * (al / (al + t)) ** r * (t / (al + t)) ** n


def nbd_tail(n, t, r, al):  # P(NBD >= n)
    if n == 0:
        return mpf(1)
    return 1 - sum(nbd(j, t, r, al) for j in range(n))


# --- BG/NBD and MBG/NBD: m = 0 for BG/NBD, 1 for MBG/NBD ---------------------------------------
def bg_ll(m, r, al, a, b, x, tx, T):
    head = loggamma(r + x) - loggamma(r) + r * log(al) + log(B(a, b + x + m)) - log(B(a, b))
    s = (al + T) ** (-(r + x))
    if x > 0 or m:
        s += a / (b + x + m - 1) * (al + tx) ** (-(r + x))
    return head + log(s)


def bg_palive(m, r, al, a, b, x, tx, T):
    if x == 0 and not m:
        return mpf(1)
    return 1 / (1 + a / (b + x + m - 1) * ((al + T) / (al + tx)) ** (r + x))


def bg_cond(m, r, al, a, b, x, tx, T, t):
    num = (a + b + x + m - 1) / (a - 1) * (
        1 - ((al + T) / (al + T + t)) ** (r + x) * hyp2f1(r + x, b + x + m, a + b + x + m - 1, t / (al + T + t)))
    return num * bg_palive(m, r, al, a, b, x, tx, T)


def bg_ex(m, r, al, a, b, t):
    if not m:
        return (a + b - 1) / (a - 1) * (1 - (al / (al + t)) ** r * hyp2f1(r, b, a + b - 1, t / (al + t)))
    return b / (a - 1) * (1 - (al / (al + t)) ** r * hyp2f1(r, b + 1, a + b, t / (al + t)))


def bg_pmf(m, r, al, a, b, n, t):
    if not m:
        p = B(a, b + n) / B(a, b) * nbd(n, t, r, al)
        if n > 0:
            p += B(a + 1, b + n - 1) / B(a, b) * nbd_tail(n, t, r, al)
        return p
    return B(a, b + n + 1) / B(a, b) * nbd(n, t, r, al) + B(a + 1, b + n) / B(a, b) * nbd_tail(n, t, r, al)


def bg_dert_alive(m, r, al, a, b, x, tx, T, delta):
    # E[lambda/(delta + lambda p)], lambda ~ Gamma(k, rate be), p ~ Beta(a, bb), bb = b+x+m, written
    # as the discounted survival integral it comes from:
    #   int_0^inf e^(-delta s) E[lambda e^(-lambda p s)] ds,  E_lambda[...] = (k/be) (1 + p s/be)^-(k+1),
    #   E_p[(1 + p y)^-(k+1)] = 2F1(k+1, a; a+bb; -y)          (Euler's integral, DLMF 15.6.1)
    #                         = (1+y)^-a 2F1(a, a+bb-k-1; a+bb; y/(1+y))   (Pfaff, DLMF 15.8.1),
    # the second form because its series converges fast for large x. The Java code integrates
    # lambda in closed form and p by quadrature instead, so the two routes share no step.
    k = r + x
    be = al + T
    bb = b + x + m

    def f(s):
        y = s / be
        return exp(-delta * s) * (1 + y) ** (-a) * hyp2f1(a, a + bb - k - 1, a + bb, y / (1 + y))
    c = be / (k + 1)
    pts = sorted(set([mpf(0), c / 100, c, 100 * c, c * (a + bb) / a, 1 / delta, 10 / delta, 100 / delta]))
    return k / be * quad(f, pts + [inf])


# --- Pareto/NBD ---------------------------------------------------------------------------------
def pn_parts(r, al, s, be, x, tx, T):
    alive = (al + T) ** (-(r + x)) * (be + T) ** (-s)
    k = r + s + x
    if al >= be:
        A0 = hyp2f1(k, s + 1, k + 1, (al - be) / (al + tx)) / (al + tx) ** k \
            - hyp2f1(k, s + 1, k + 1, (al - be) / (al + T)) / (al + T) ** k
    else:
        A0 = hyp2f1(k, r + x, k + 1, (be - al) / (be + tx)) / (be + tx) ** k \
            - hyp2f1(k, r + x, k + 1, (be - al) / (be + T)) / (be + T) ** k
    return alive, s / k * A0


def pn_ll(r, al, s, be, x, tx, T):
    alive, dead = pn_parts(r, al, s, be, x, tx, T)
    return loggamma(r + x) - loggamma(r) + r * log(al) + s * log(be) + log(alive + dead)


def pn_palive(r, al, s, be, x, tx, T):
    alive, dead = pn_parts(r, al, s, be, x, tx, T)
    return alive / (alive + dead)


def pn_cond(r, al, s, be, x, tx, T, t):
    return (r + x) * (be + T) / ((al + T) * (s - 1)) * (1 - ((be + T) / (be + T + t)) ** (s - 1)) \
        * pn_palive(r, al, s, be, x, tx, T)


def pn_ex(r, al, s, be, t):
    return r * be / (al * (s - 1)) * (1 - (be / (be + t)) ** (s - 1))


def pn_pmf(r, al, s, be, n, t):
    alive = nbd(n, t, r, al) * (be / (be + t)) ** s
    died = quad(lambda u: s * be ** s / (be + u) ** (s + 1) * nbd(n, u, r, al), [0, t])
    return alive + died


def pn_dert_alive(r, al, s, be, x, tx, T, delta):
    return (r + x) / (al + T) * (be + T) ** s * delta ** (s - 1) * hyperu(s, s, delta * (be + T))


rows = []


def add(model, qty, params, x="", tx="", T="", t="", delta="", n="", value=None):
    rows.append([model, qty] + [mp.nstr(mpf(p), 17) for p in params] + [x, tx, T, t, delta, n,
                                                                       mp.nstr(value, 17)])


bg_sets = [
    (0.243, 4.414, 0.793, 2.426),       # CDNOW (weeks)
    (0.5, 20.0, 3.0, 10.0),
    (2.0, 0.05, 0.2, 0.3),              # tiny alpha
    (0.05, 300.0, 12.0, 0.6),
]
histories = [(0, 0, 38.86), (2, 30.43, 38.86), (1, 1.71, 38.86), (15, 20.0, 40.0), (200, 300.0, 320.0),
             (10000, 5000.0, 5200.0)]
for m, name in [(0, "bgnbd"), (1, "mbgnbd")]:
    for ps in bg_sets:
        ps = [mpf(p) for p in ps]
        for (x, tx, T) in histories:
            x, tx, T = x, mpf(tx), mpf(T)
            add(name, "ll", ps, x, tx, T, value=bg_ll(m, *ps, x, tx, T))
            add(name, "palive", ps, x, tx, T, value=bg_palive(m, *ps, x, tx, T))
            for t in (1, 39, 520):
                add(name, "cond", ps, x, tx, T, t, value=bg_cond(m, *ps, x, tx, T, mpf(t)))
            if x <= 15:
                add(name, "dert_alive", ps, x, tx, T, delta=0.0018, value=bg_dert_alive(m, *ps, x, tx, T, mpf("0.0018")))
        for t in (1, 32, 78, 1000):
            add(name, "ex", ps, t=t, value=bg_ex(m, *ps, mpf(t)))
        for n in (0, 1, 3, 10):
            add(name, "pmf", ps, t=39, n=n, value=bg_pmf(m, *ps, n, mpf(39)))

pn_sets = [
    (0.553, 10.578, 0.606, 11.669),     # CDNOW (weeks)
    (1.5, 2.0, 3.0, 0.0002),            # alpha/beta = 1e4
    (0.8, 0.001, 0.4, 10.0),            # alpha/beta = 1e-4
    (0.3, 50.0, 1.0000001, 50.0),       # s ~ 1, alpha = beta
]
for ps in pn_sets:
    ps = [mpf(p) for p in ps]
    for (x, tx, T) in histories:
        tx, T = mpf(tx), mpf(T)
        add("pnbd", "ll", ps, x, tx, T, value=pn_ll(*ps, x, tx, T))
        add("pnbd", "palive", ps, x, tx, T, value=pn_palive(*ps, x, tx, T))
        for t in (1, 39, 520):
            add("pnbd", "cond", ps, x, tx, T, t, value=pn_cond(*ps, x, tx, T, mpf(t)))
        add("pnbd", "dert_alive", ps, x, tx, T, delta=0.0018, value=pn_dert_alive(*ps, x, tx, T, mpf("0.0018")))
    for t in (1, 32, 78, 1000):
        add("pnbd", "ex", ps, t=t, value=pn_ex(*ps, mpf(t)))
    for n in (0, 1, 3, 10):
        add("pnbd", "pmf", ps, t=39, n=n, value=pn_pmf(*ps, n, mpf(39)))

# --- DERT at extreme parameters: BG/NBD and MBG/NBD ----------------------------------------------
# tiny a, tiny r, integer and near-integer r (the order of E_(r+x+1) integer or nearly so), alpha
# from 1e-4 to 1e4, huge b; new customers (T = 0), large x, large T; slow and fast discounting.
dert_sets = [
    (0.5, 10.0, 0.01, 0.5),             # tiny a
    (0.001, 1.0, 0.5, 1.0),             # tiny r
    (2.0, 0.0001, 0.8, 2.5),            # integer r, alpha = 1e-4
    (1.0000001, 10000.0, 0.8, 2.5),     # r ~ 1, alpha = 1e4
    (0.7, 3.0, 0.001, 0.002),           # tiny a and b
    (1.2, 5.0, 2.0, 2000.0),            # huge b: p ~ 0.001
]
dert_histories = [(0, 0, 0.0), (0, 0, 38.86), (1, 0.5, 0.5), (7, 100.0, 2000.0), (200, 300.0, 320.0),
                  (10000, 5000.0, 5200.0), (3, 90000.0, 100000.0)]
for m, name in [(0, "bgnbd"), (1, "mbgnbd")]:
    for ps in dert_sets:
        ps = [mpf(p) for p in ps]
        for i, (x, tx, T) in enumerate(dert_histories):
            for delta in (("0.00001", "0.5") if i % 2 == 0 else ("0.0018", "3")):
                add(name, "dert_alive", ps, x, tx, T, delta=delta,
                    value=bg_dert_alive(m, *ps, x, mpf(tx), mpf(T), mpf(delta)))

with open(OUT, "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["model", "quantity", "p1", "p2", "p3", "p4", "x", "tx", "T", "t", "delta", "n", "value"])
    w.writerows(rows)
print(len(rows), "rows written to", OUT)
