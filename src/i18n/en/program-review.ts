/** What the network's program review says (the admin's queue, the advertiser's console). */
export const PROGRAM_REVIEW = {
  'nav.programReviews': 'Program review',
  'programReview.intro':
    'Programs advertisers create wait here: until you approve one it is not in the directory, publishers cannot apply, its clicks do not attribute and its reports are refused. A brand hit means the program’s name, advertiser or landing URL looks like another advertiser’s brand.',
  'programReview.waiting': 'In review',
  'programReview.decided': 'Decided',
  'programReview.none': 'No program is waiting.',
  'programReview.waitingCount': 'Programs waiting for your review: {count}',
  'programReview.program': 'Program',
  'programReview.advertiser': 'Advertiser (account)',
  'programReview.advertiserInTerms': 'Advertiser (in its terms)',
  'programReview.landingUrl': 'Landing URL',
  'programReview.created': 'Created',
  'programReview.status': 'Review',
  'programReview.brandHits': 'Brand hits (other advertisers’ brands):',
  'programReview.noBrandHits': 'No brand hits.',
  'programReview.decision': 'Decision',
  'programReview.approve': 'Approve',
  'programReview.refuse': 'Refuse',
  'programReview.reason': 'Reason (required to refuse; the advertiser reads it)',
  'programReview.submit': 'Record the decision',
  'programReview.recorded': 'Program {name} is now {status}.',
  'programReview.unchanged': 'Program {name} was {status} already; nothing changed.',
  'programReview.inReviewNote':
    'The network reviews this program: until it is approved it is not in the directory, publishers cannot apply, its clicks do not attribute and its reports are refused.',
  'programReview.refusedNote':
    'The network refused this program: {reason}. Change its terms to have it reviewed again.',
} as const;
