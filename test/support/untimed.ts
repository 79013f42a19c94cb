/** Reports without what differs from run to run or between a whole run and a merge of its shards. */

/** The JSON report without timing and the shard record. */
export function untimed(json: string): unknown {
  return JSON.parse(json, (k, v) => (['seconds', 'statesPerSecond', 'shard', 'mergedFrom'].includes(k) ? undefined : v));
}

/** JUnit without timing: the time attributes, and the seconds and rates in the text reports. */
export function untimedXml(xml: string): string {
  return xml.replace(/time="[^"]*"/g, 'time=""').replace(/[\d.]+ s, [\d,]+ states\/s/g, 'T s, R states/s');
}
