import { IsInt, IsNotEmpty, IsNumber, IsString, Max, Min } from 'class-validator';
import { DEFAULT_CONSUMER_GROUPS } from '@hub/topics';
import { CommonSettings } from '@hub/config';

export class MatcherSettings extends CommonSettings {
  @IsString() @IsNotEmpty() MATCHER_GROUP_ID: string = DEFAULT_CONSUMER_GROUPS.matcher;
  /**
   * Partitions in hand at once. Their chunks are linked together, at most MATCHER_LINKING_IN_FLIGHT transactions at
   * a time (MatcherBatchProcessor: GroupCommit), so more partitions make bigger transactions, not more of them. Before
   * grouping, 6 transactions at once raced for the same new households and ID numbers and fell to ~300 records/s
   * at a paced 1,000 events/s; with grouping, 6 in hand gave 213 chunks a minute there and the detector 641
   * events behind as the feed ended (2 in hand, one transaction at a time: 9,626 behind).
   */
  @IsInt() @Min(1) @Max(64) MATCHER_PARTITION_CONCURRENCY: number = 6;
  /**
   * Chunk transactions (and feed publishes) in flight at once. A chunk alternates between the database (seed,
   * flush) and this process (linking): one at a time left each idle half the time (bench:e2e latency: 59 chunks a
   * minute, the detector 11,241 events behind; with two, 213 grouped chunks and 641 behind).
   */
  @IsInt() @Min(1) @Max(8) MATCHER_LINKING_IN_FLIGHT: number = 2;
  /**
   * Score (sum of log2 match weights) from which a record joins a person without review. With the
   * starting model, name + birth date (~21) or name + phone (~23) pass; name + gender + county (~13),
   * which two different 王伟 can share, does not.
   */
  @IsNumber() MATCH_THRESHOLD: number = 15;
  /** Score from which a pair goes to the review queue as POSSIBLE_MATCH. */
  @IsNumber() POSSIBLE_MATCH_THRESHOLD: number = 5;
  /**
   * Re-estimate m by EM after this many new comparisons; 0 (the default) keeps the starting model. Off since
   * issue 11: with u fixed at the population's chance agreement, EM on blocked pairs (which agree on name or
   * birth date far more often than chance) explains them as matches (match share 0.999) and inflates m of the
   * disagreement levels, so more different persons are joined the larger the county. Linking the generator's
   * county in memory (eval:match): with EM every 20,000, precision 0.9900 at 300k persons and 0.9414 at 1M;
   * without, 0.9997 and 0.9992 (recall 0.9998, 0.9995).
   */
  @IsInt() @Min(0) MATCHER_EM_EVERY: number = 0;
  /** Records linked in one transaction: more is fewer round trips per record, but longer row locks. */
  @IsInt() @Min(1) @Max(10_000) MATCHER_CHUNK_SIZE: number = 1000;
  @IsInt() @Min(0) @Max(65535) MATCHER_HTTP_PORT: number = 3102;
}
