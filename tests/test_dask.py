"""advise_many on a local Dask cluster: packs load once per worker, outcomes equal the local run."""

from __future__ import annotations

import pytest

from mvoi_criteria import load_profile
from mvoi_criteria.batch import advise_many

from .conftest import ROOT

dask_bag = pytest.importorskip("dask.bag", reason="dask is an optional dependency: pip install 'mvoi-criteria[dask]'")
distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")


def outcomes_of(partition):
    """Runs on a worker: the installed packs load there, once per worker process."""
    return [(r.title, dict(r.outcome)) for r in advise_many(partition, outcomes_only=True)]


def test_a_local_dask_cluster_gives_the_same_outcomes_as_a_local_run():
    profiles = [load_profile(p) for p in sorted((ROOT / "examples").glob("*.yaml"))] * 3
    local = outcomes_of(profiles)
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with cluster, distributed.Client(cluster):
        remote = dask_bag.from_sequence(profiles, npartitions=4).map_partitions(outcomes_of).compute()
    assert remote == local
