-- Reporting per year in each county: reported by the deadline, late, or missing.
-- params: frist_dag, frist_maaned
-- per: fylke
SELECT fylkesnummer AS key_fylke, aar,
       count(*) AS rapporter,
       count(*) FILTER (WHERE rapportert_dato <= make_date(aar, $frist_maaned, $frist_dag)) AS i_tide,
       count(*) FILTER (WHERE rapportert_dato > make_date(aar, $frist_maaned, $frist_dag)) AS sent,
       count(*) FILTER (WHERE rapportert_dato IS NULL) AS mangler,
       arg_max(status, s.rang) AS status, string_agg(DISTINCT kilde_id, ',' ORDER BY kilde_id) AS kilde_id
FROM rapportering
JOIN v_status s USING (status)
GROUP BY fylkesnummer, aar
ORDER BY aar;
