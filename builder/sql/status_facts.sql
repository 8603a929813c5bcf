-- Key figures for a status page: counties with frames, reporting by the deadline, late, missing, co-financing.
-- params: aar, frist_dag, frist_maaned
WITH rapporter AS (
    SELECT * FROM rapportering WHERE aar = $aar
)
SELECT (SELECT count(DISTINCT fylkesnummer) FROM v_rammer WHERE aar = $aar) AS fylker,
       (SELECT arg_max(status, statusrang) FROM v_rammer WHERE aar = $aar) AS fylker_status,
       count(*) AS rapporter,
       count(*) FILTER (WHERE rapportert_dato <= make_date($aar, $frist_maaned, $frist_dag)) AS i_tide,
       count(*) FILTER (WHERE rapportert_dato > make_date($aar, $frist_maaned, $frist_dag)) AS sent,
       count(*) FILTER (WHERE rapportert_dato IS NULL) AS mangler,
       sum(egenandel) AS egenandel,
       arg_max(status, status_rang(status)) AS status
FROM rapporter
ORDER BY fylker;
