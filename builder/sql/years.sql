-- Every budget year with allocations.
-- params: none
SELECT aar, sum(belop) AS belop, arg_max(status, statusrang) AS status
FROM v_rammer
GROUP BY aar
ORDER BY aar;
