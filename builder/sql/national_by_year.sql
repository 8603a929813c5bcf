-- National total per year over all schemes, with the weakest status of its parts.
-- params: none
SELECT n.aar, sum(n.belop) AS belop, count(*) AS ordninger,
       arg_max(n.status, s.rang) AS status
FROM nasjonale_rammer n
JOIN v_status s USING (status)
GROUP BY n.aar
ORDER BY n.aar;
