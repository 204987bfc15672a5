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
  toBody(): { message: string; errorCode: string; fields?: string[] }[] {
    return [
      {
        message: this.message,
        errorCode: this.errorCode,
        ...(this.fields.length ? { fields: this.fields } : {})
      }
    ];
  }
}
