-- status_rang(a): a status's rank in v_status (NULL if unknown). svakest(a, b): the weaker of two statuses
-- (offisiell > beregnet > eksempel); NULL if either is missing or unknown, so a derived figure never comes out
-- stronger than its inputs and a missing status stops the build.
CREATE MACRO status_rang(a) AS (SELECT x.rang FROM v_status x WHERE x.status = a);
CREATE MACRO svakest(a, b) AS (
    SELECT s.status FROM v_status s
    WHERE s.rang = CASE WHEN status_rang(a) IS NOT NULL AND status_rang(b) IS NOT NULL
                        THEN greatest(status_rang(a), status_rang(b)) END
);
