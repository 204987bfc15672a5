import { SalesforceApiError } from '../common/salesforce-error';

/** An error the local org answers with: the project's one Salesforce error type. */
export { SalesforceApiError as ApiError };

/**
 * An upsert whose external id matches more than one record: HTTP 300 with the matching records'
 * URLs as the body. (REST API Developer Guide, "Insert or Update (Upsert) a Record Using an
 * External ID": https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_upsert.htm)
 */
export class MultipleChoicesError extends SalesforceApiError {
  constructor(
    field: string,
    readonly urls: string[]
  ) {
    super(
      300,
      'MULTIPLE_CHOICES',
      `The external id field ${field} matches more than one record: ${urls.join(', ')}`,
      [field]
    );
  }

  override toBody(): unknown {
    return this.urls;
  }
}
