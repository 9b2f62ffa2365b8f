// The TypeScript client's pact, filestore-typescript-client -> filestore-api: every operation's
// interactions, in one process and one after another, so that each is merged into the same pact file.

import './createFile';
import './listFiles';
import './getFile';
import './deleteFile';
import './storeFile';
import './downloadFile';
import './createCollection';
import './listCollections';
import './getCollection';
import './putMember';
import './removeMember';
import './createCollectionFile';
import './listCollectionFiles';
import './getFileJobs';
import './getProcessing';
import './setProcessing';
import './reprocessFile';
