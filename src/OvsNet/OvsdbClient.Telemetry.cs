using System.Diagnostics;

namespace OvsNet;

/// <content>Transaction spans and the <c>ovsdb.client.transactions</c> counter.</content>
public sealed partial class OvsdbClient
{
    private Activity? StartTransactActivity(string database, int operationCount)
    {
        if (!OvsdbTelemetry.Source.HasListeners())
        {
            return null;
        }

        Activity? activity = OvsdbTelemetry.Source.StartActivity("transact " + database, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", OvsdbTelemetry.DbSystem);
            activity.SetTag("db.operation.name", "transact");
            activity.SetTag("db.namespace", database);
            activity.SetTag("ovsdb.operation.count", operationCount);
            OvsdbTelemetry.SetServer(activity, this.Endpoint);
        }

        return activity;
    }

    private void RecordTransaction(Activity? activity, string database, string outcome, Exception? error)
    {
        string? errorType = error is null ? null : OvsdbTelemetry.ErrorType(error);
        if (activity is not null)
        {
            activity.SetTag("ovsdb.transaction.outcome", outcome);
            if (errorType is not null)
            {
                activity.SetTag("error.type", errorType);
                activity.SetStatus(ActivityStatusCode.Error, error!.Message);
            }
        }

        if (OvsdbTelemetry.Transactions.Enabled)
        {
            var tags = new TagList
            {
                { "db.system.name", OvsdbTelemetry.DbSystem },
                { "db.namespace", database },
                { "ovsdb.transaction.outcome", outcome },
            };
            if (errorType is not null)
            {
                tags.Add("error.type", errorType);
            }

            OvsdbTelemetry.AddServer(ref tags, this.Endpoint);

            OvsdbTelemetry.Transactions.Add(1, tags);
        }
    }
}
