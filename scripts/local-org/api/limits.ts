/**
 * GET /limits: the org's allocations with Salesforce's standard keys, each `{ Max, Remaining }`.
 * The counted ones (API requests, Bulk API batches and query jobs, data storage) come from what
 * this org has served and holds; the others report their full allocation.
 * (REST API Developer Guide, "Limits":
 * https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/resources_limits.htm)
 */
import type { Store } from '../store';

export interface Usage {
  apiCalls: number;
  dailyApiLimit: number;
  bulkV2QueryJobs: number;
  bulkApiBatches: number;
}

/**
 * Most records take 2 KB of data storage (Salesforce Help, "Data and File Storage Allocations":
 * https://help.salesforce.com/s/articleView?id=sf.overview_storage.htm&type=5).
 */
const KB_PER_RECORD = 2;
/** Enterprise Edition's base data allocation (10 GB) and file allocation. */
const DATA_STORAGE_MB = 10_240;
const FILE_STORAGE_MB = 10_240;

/** Allocations reported as they stand in a new Enterprise Edition org (nothing counted locally). */
const UNCOUNTED: Record<string, number> = {
  ActiveScratchOrgs: 0,
  AnalyticsExternalDataSizeMB: 40_960,
  ConcurrentAsyncGetReportInstances: 200,
  ConcurrentEinsteinDataInsightsStoryCreation: 5,
  ConcurrentEinsteinDiscoveryStoryCreation: 2,
  ConcurrentSyncReportRuns: 20,
  DailyAnalyticsDataflowJobExecutions: 60,
  DailyAnalyticsUploadedFilesSizeMB: 51_200,
  DailyAsyncApexExecutions: 250_000,
  DailyAsyncApexTests: 500,
  DailyDurableGenericStreamingApiEvents: 10_000,
  DailyDurableStreamingApiEvents: 10_000,
  DailyEinsteinDataInsightsStoryCreation: 1_000,
  DailyEinsteinDiscoveryPredictAPICalls: 50_000,
  DailyEinsteinDiscoveryPredictionsByCDC: 500_000,
  DailyEinsteinDiscoveryStoryCreation: 100,
  DailyFunctionsApiCallLimit: 235_000,
  DailyGenericStreamingApiEvents: 10_000,
  DailyScratchOrgs: 0,
  DailyStandardVolumePlatformEvents: 10_000,
  DailyStreamingApiEvents: 10_000,
  DailyWorkflowEmails: 1_000,
  HourlyAsyncReportRuns: 1_200,
  HourlyDashboardRefreshes: 200,
  HourlyDashboardResults: 5_000,
  HourlyDashboardStatuses: 999_999_999,
  HourlyLongTermIdMapping: 100_000,
  HourlyManagedContentPublicRequests: 50_000,
  HourlyODataCallout: 10_000,
  HourlyPublishedPlatformEvents: 250_000,
  HourlyPublishedStandardVolumePlatformEvents: 100_000,
  HourlyShortTermIdMapping: 100_000,
  HourlySyncReportRuns: 500,
  HourlyTimeBasedWorkflow: 1_000,
  MassEmail: 5_000,
  MonthlyPlatformEventsUsageEntitlement: 0,
  Package2VersionCreates: 0,
  Package2VersionCreatesWithoutValidation: 0,
  PermissionSets: 1_500,
  PrivateConnectOutboundCalloutHourlyLimitMB: 0,
  SingleEmail: 5_000,
  StreamingApiConcurrentClients: 1_000
};

/** Every object's rows, deleted ones included until they are purged. */
function dataStorageUsedMb(store: Store): number {
  let records = 0;
  for (const name of store.schema.keys()) records += store.count(name);
  return Math.ceil((records * KB_PER_RECORD) / 1024);
}

export function limitsBody(store: Store, usage: Usage): Record<string, unknown> {
  const body: Record<string, { Max: number; Remaining: number }> = {};
  for (const [key, max] of Object.entries(UNCOUNTED)) body[key] = { Max: max, Remaining: max };
  const counted = (max: number, used: number) => ({ Max: max, Remaining: Math.max(0, max - used) });
  body.DailyApiRequests = counted(usage.dailyApiLimit, usage.apiCalls);
  // Bulk API 1.0 batches and Bulk API 2.0 ingest jobs share one daily allocation of batches.
  body.DailyBulkApiBatches = counted(15_000, usage.bulkApiBatches);
  body.DailyBulkV2QueryJobs = counted(10_000, usage.bulkV2QueryJobs);
  body.DailyBulkV2QueryFileStorageMB = counted(976_562, 0);
  body.DataStorageMB = counted(DATA_STORAGE_MB, dataStorageUsedMb(store));
  body.FileStorageMB = counted(FILE_STORAGE_MB, 0);
  return Object.fromEntries(
    Object.keys(body)
      .sort()
      .map((k) => [k, body[k]])
  );
}
