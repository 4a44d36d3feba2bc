// name: targets_by_year
// description: Quantified targets due in a year, per region, with their industry.
// params: year (int)
// columns: region, metric, value, unit, qualifier, industries, task_count
MATCH (tg:Target {year: $year})<-[:HAS_TARGET]-(t:Task)-[:IN_DOCUMENT]->(doc:Document)
CALL (t) {
  MATCH (t)-[:CONCERNS]->(i:Industry)
  RETURN collect(i.name) AS industries
}
WITH doc.region AS region, tg, industries,
     COUNT { (t)<-[:LEADS|COOPERATES_ON]-(:Department) } AS task_count
RETURN region, tg.metric AS metric, tg.value AS value, tg.unit AS unit,
       coalesce(tg.qualifier, '') AS qualifier, industries, task_count
ORDER BY region, metric
