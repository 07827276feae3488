package monitor

// SafeZone is where a platform's interface covers a vertical picture: the
// covered share of the height at the top and the bottom, and of the width at
// the left and the right (0..1 each).
type SafeZone struct {
	Name                     string // the interface, e.g. "Instagram Reels"
	Top, Bottom, Left, Right float32
}

// safeZones holds the figures per platform ID (storyboard.Platforms), all
// for a 1080×1920 (9:16) picture. Sources, as of 2025–2026:
//
//   - Instagram Reels: Meta Business Help Center, "Safe zones for Reels
//     ads": leave roughly 14% (250 px) at the top, 35% (670 px) at the
//     bottom and 6% (65 px) on each side free of text and logos.
//   - Instagram Stories: Meta Business Help Center, "Stories ads": leave
//     roughly 14% (250 px) at the top and the bottom free (profile icon,
//     reply bar and call to action).
//   - TikTok: TikTok Ads Manager's safe-zone template, as measured in
//     public guides (blitzcutai.com "Best caption placement for short-form
//     video", socaptions.com "TikTok safe zones 2026"): 130 px at the top
//     (Following / For You tabs), about 340 px at the bottom (caption, sound),
//     60 px at the left and about 140 px at the right (the action column).
//   - YouTube Shorts: Google publishes no figure; public measurements
//     (youraithumbnailgenerator.com "YouTube Shorts safe zones", blitzcutai.com)
//     give about 120 px at the top, 25% (480 px) at the bottom (title,
//     channel, subscribe button) and about 130 px at the right (like,
//     comment, share column).
//
// The interfaces change between app versions and devices: these are working
// margins, not promises.
var safeZones = map[string]SafeZone{
	"instagram-reels":   {Name: "Instagram Reels", Top: 250.0 / 1920, Bottom: 670.0 / 1920, Left: 65.0 / 1080, Right: 65.0 / 1080},
	"instagram-stories": {Name: "Instagram Stories", Top: 250.0 / 1920, Bottom: 250.0 / 1920},
	"tiktok":            {Name: "TikTok", Top: 130.0 / 1920, Bottom: 340.0 / 1920, Left: 60.0 / 1080, Right: 140.0 / 1080},
	"youtube-shorts":    {Name: "YouTube Shorts", Top: 120.0 / 1920, Bottom: 480.0 / 1920, Right: 130.0 / 1080},
}

// SafeZoneFor returns the safe zone of the platform with the given ID
// (storyboard.Platforms), and false for platforms whose interface does not
// cover the picture (YouTube, LinkedIn, custom).
func SafeZoneFor(platform string) (SafeZone, bool) {
	z, ok := safeZones[platform]
	return z, ok
}
