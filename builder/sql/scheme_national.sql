-- One scheme's national total per year.
-- params: ordning
SELECT n.aar, n.belop, n.status, n.kilde_id, n.merknad
FROM nasjonale_rammer n
WHERE n.ordning_id = $ordning
ORDER BY n.aar;
