-- How many allocation rows have each status, per amount kind.
-- params: none
SELECT t.belopstype, t.status, count(*) AS rader, sum(t.belop) AS belop
FROM tildelinger t
JOIN v_status s USING (status)
GROUP BY t.belopstype, t.status, s.rang
ORDER BY t.belopstype, s.rang;
