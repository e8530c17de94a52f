// Package shard splits one exploration over machines that share nothing:
// N copies of the same job, told apart by an index, each explore a part
// and write a Result; Merge combines the N Results into the verdict one
// run would have given.
//
// A Spec is "shard K of N" (K from 1). It comes from a flag (--shard K/N),
// from INTERLEAVE_SHARD=K/N, or from the protocols of the engines that
// already run indexed copies of a job: Bazel's TEST_SHARD_INDEX and
// TEST_TOTAL_SHARDS (FromEnv touches TEST_SHARD_STATUS_FILE to say the
// test shards itself) and Kubernetes Indexed Jobs' JOB_COMPLETION_INDEX,
// with the total in INTERLEAVE_SHARDS.
//
// The work is split by prefix: the explorers run the first Depth choices
// of the search the same way in every shard, number the prefixes they
// reach in search order, and deal them to the shards in rounds of N,
// every other round backwards (Spec.Owns). The package depends on the
// standard library only, so that rt and the model explorer can both use
// it.
package shard
