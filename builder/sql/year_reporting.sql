-- Each year's reporting completeness per county: by the deadline, late, missing.
-- params: frist_dag, frist_maaned
-- per: aar
SELECT r.aar AS key_aar, r.fylkesnummer, f.navn AS fylke, count(*) AS rapporter,
       count(*) FILTER (WHERE r.rapportert_dato <= make_date(r.aar, $frist_maaned, $frist_dag)) AS i_tide,
       count(*) FILTER (WHERE r.rapportert_dato > make_date(r.aar, $frist_maaned, $frist_dag)) AS sent,
       count(*) FILTER (WHERE r.rapportert_dato IS NULL) AS mangler,
       arg_max(r.status, s.rang) AS status, min(r.kilde_id) AS kilde_id
FROM rapportering r
JOIN fylker f USING (fylkesnummer)
JOIN v_status s ON s.status = r.status
GROUP BY r.aar, r.fylkesnummer, f.navn
ORDER BY r.fylkesnummer;
