// `npm run local-aws`: the emulator on 127.0.0.1:${LOCAL_AWS_PORT:-4566}, with
// aws-ses-v2-local beside it on the next port for viewing delivered mail.
import { startLocalAws } from './server';

const port = Number(process.env.LOCAL_AWS_PORT ?? 4566);
if (!Number.isInteger(port) || port < 0 || port > 65534) {
  console.error(`LOCAL_AWS_PORT must be a port number, not ${process.env.LOCAL_AWS_PORT}`);
  process.exit(1);
}

const localAws = await startLocalAws({ port, mailViewer: true });
console.log(`local-aws: SES v2, Cognito Identity and SQS on ${localAws.url} (control routes under ${localAws.url}/_local/)`);
console.log(localAws.sesLocalUrl ? `local-aws: delivered mail at ${localAws.sesLocalUrl}` : 'local-aws: no mail viewer');

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  localAws.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
