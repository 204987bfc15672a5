/** An error the local org answers with, in Salesforce's REST error shape. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorCode: string,
    message: string,
    readonly fields: string[] = []
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The body Salesforce sends: an array of `{ message, errorCode, fields? }`. */
  toBody(): unknown {
    return [
      {
        message: this.message,
        errorCode: this.errorCode,
        ...(this.fields.length ? { fields: this.fields } : {})
      }
    ];
  }
}

/**
 * An upsert whose external id matches more than one record: HTTP 300 with the matching records'
 * URLs as the body. (REST API Developer Guide, "Insert or Update (Upsert) a Record Using an
 * External ID": https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api_rest/dome_upsert.htm)
 */
export class MultipleChoicesError extends ApiError {
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
