"""Reference values of the Pareto/NBD P(X(t) = n) for ParetoNbdPmfTest.

P(X(t) = n) = NBD(n; r, alpha, t) (beta / (beta + t))^s
            + int_0^t s beta^s (beta + tau)^-(s+1) NBD(n; r, alpha, tau) dtau
(Fader & Hardie 2005, "A note on deriving the Pareto/NBD model", section 3), integrated by
mpmath's tanh-sinh quadrature at 40 digits with break points at the scales alpha and beta.
Run: python3 pnbd_pmf.py > pnbd_pmf.csv
"""
from mpmath import exp, log, loggamma, mp, mpf, quad

mp.dps = 40

POINTS = [
    # r, alpha, s, beta, t
    ("0.55", "10.6", "0.61", "11.7", "39"),
    ("0.55", "10.6", "0.61", "11.7", "78"),
    ("0.05", "1000", "0.05", "0.1", "1446.641859811676"),
    ("20", "0.1", "20", "1000", "0.05"),
    ("2", "0.5", "0.3", "0.2", "300"),
]


def nbd(r, alpha, n, tau):
    if tau == 0:
        return mpf(1) if n == 0 else mpf(0)
    return exp(loggamma(r + n) - loggamma(r) - loggamma(n + 1)
               + r * log(alpha / (alpha + tau)) + n * log(tau / (alpha + tau)))


def pmf(r, alpha, s, beta, t, n):
    alive = nbd(r, alpha, n, t) * (beta / (beta + t)) ** s
    cuts = sorted({mpf(0), t} | {c for c in (alpha / 10, alpha, beta / 10, beta) if c < t})
    died = quad(lambda u: s * beta ** s * (beta + u) ** (-s - 1) * nbd(r, alpha, n, u), cuts)
    return alive + died


print("r,alpha,s,beta,t,n,p")
for point in POINTS:
    r, alpha, s, beta, t = (mpf(v) for v in point)
    for n in range(6):
        print(",".join(point) + f",{n},{mp.nstr(pmf(r, alpha, s, beta, t, n), 20)}")
