-- The grant schemes with their reference data.
-- params: none
SELECT o.*, k.tittel AS kilde_tittel
FROM ordninger o
JOIN kilder k USING (kilde_id)
ORDER BY o.fra_aar, o.ordning_id;
