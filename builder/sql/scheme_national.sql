-- Each scheme's national total per year.
-- params: none
-- per: ordning
SELECT n.ordning_id AS key_ordning, n.aar, n.belop, n.status, n.kilde_id, n.merknad
FROM nasjonale_rammer n
ORDER BY n.aar;
